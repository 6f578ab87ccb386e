//! The cost of merely reading a CSV file with the csv crate (a reused `ByteRecord`): the floor
//! that profilmatch's end-to-end throughput is compared with in `benches/throughput.sh`.
//!
//! `cargo run --release --example read_csv -- FILE` prints records, bytes, seconds and MB/s.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: read_csv FILE")?;
    let started = Instant::now();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let (mut records, mut bytes) = (0u64, 0usize);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        bytes += record.as_slice().len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path)?.len() as f64;
    println!("{records} records, {bytes} field bytes, {seconds:.3} s, {:.0} MB/s", size / 1e6 / seconds);
    Ok(())
}
