//! A synthetic PDF of any number of pages, written with lopdf: Helvetica in WinAnsi encoding (so
//! `æ`, `ø` and `å` are real text), 60 lines of Danish CV text a page. The tests use it for the
//! page limit and a 200-page document; `examples/bigpdf.rs` writes one for the memory benchmark
//! (docs/performance.md).
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

/// The line every page repeats, with its page number.
const LINE: &str = "Økonomidirektør med budgetansvar, aftalestyring og politisk betjening af byrådet; side ";

/// A PDF of `pages` pages.
pub fn pdf(pages: usize) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let font = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = document.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids: Vec<Object> = Vec::with_capacity(pages);
    for page in 1..=pages {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 9.into()]),
            Operation::new("TL", vec![12.into()]),
            Operation::new("Td", vec![40.into(), 800.into()]),
        ];
        for _ in 0..60 {
            operations.push(Operation::new("Tj", vec![Object::string_literal(winansi(&format!("{LINE}{page}")))]));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode().expect("encoding a content stream");
        let contents = document.add_object(Stream::new(dictionary! {}, content));
        kids.push(
            document.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => contents }).into(),
        );
    }
    let count = kids.len() as i64;
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog);
    document.compress();
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).expect("writing a PDF to memory");
    bytes
}

/// Windows-1252 bytes (WinAnsiEncoding) for Latin-1 text.
fn winansi(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect()
}
