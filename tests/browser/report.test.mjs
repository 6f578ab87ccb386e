// The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core).
//
// 1. `profilmatch report` writes three reports from the samples: with names (the default), blind,
//    and with names and --sliders.
// 2. Each page opens from file:// with no console errors and no request but the page itself, and
//    prints to an A4 PDF with a page per candidate card.
// 3. The named report has no slider panel and no script at all; the blind one and the one with
//    --sliders have the panel, and the latter says why.
// 4. In the blind report the shortlist shown equals `profilmatch score --top N --format csv`,
//    first with the rubric's weights, then after moving weight sliders (value set + `input`
//    event), compared with `profilmatch score --weight C=W ... --top N --format csv`.
// 5. With JavaScript off the shortlist is there and the slider panel is not.
//
// Environment: PROFILMATCH (the binary), REPO (the repository root), CHROMIUM (default
// /usr/bin/chromium). Run by tests/browser.rs; exits non-zero with a message on any failure.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const binary = process.env.PROFILMATCH;
const repo = process.env.REPO ?? process.cwd();
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!binary) throw new Error('set PROFILMATCH to the profilmatch binary');

const RUBRIC = join(repo, 'rubrics/hoeje-taastrup-oekonomidirektoer.toml');
const APPLICANTS = join(repo, 'samples/applicants.csv');
const N = 8;

function fail(message) {
  console.error(`browser test failed: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}:\n  page:     ${a}\n  expected: ${e}`);
  console.log(`ok - ${what}`);
}

// A small RFC 4180 reader (quoted fields may hold commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function expectedIds(weights) {
  const args = ['score', '--rubric', RUBRIC, APPLICANTS, '--top', String(N), '--format', 'csv'];
  for (const [id, w] of Object.entries(weights)) args.push('--weight', `${id}=${w}`);
  let out;
  try {
    out = execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    // Exit code 3 (rows rejected) still prints the ranking.
    if (e.status === 3) out = e.stdout; else throw e;
  }
  const rows = parseCsv(out);
  const column = rows[0].indexOf('id');
  return rows.slice(1).map((r) => r[column]);
}

const dir = mkdtempSync(join(tmpdir(), 'profilmatch-browser-'));
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
function report(path, extra) {
  execFileSync(binary, ['report', '--rubric', RUBRIC, APPLICANTS, '--shortlist', String(N), '--lang', 'en',
    '--group', 'gender', '-o', path, ...extra], { env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' }, stdio: 'ignore' });
  return pathToFileURL(path).href;
}

// Opens a page, records console errors and requests; returns [context, page, errors, requests].
async function open(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return [context, page, errors, requests];
}

async function printsAndIsQuiet(name, url, page, errors, requests) {
  const pdf = join(dir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const bytes = readFileSync(pdf);
  if (bytes.subarray(0, 5).toString() !== '%PDF-') fail(`${name}: the PDF does not start with %PDF-`);
  const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  if (pages < N + 1) fail(`${name}: the PDF has ${pages} pages; expected a page per candidate card and more`);
  console.log(`ok - ${name}: printed to PDF (${statSync(pdf).size} bytes, ${pages} pages)`);
  if (errors.length) fail(`${name}: console errors: ${errors.join(' | ')}`);
  console.log(`ok - ${name}: no console errors`);
  const foreign = requests.filter((r) => r !== url);
  if (foreign.length) fail(`${name}: requests besides the page: ${foreign.join(', ')}`);
  console.log(`ok - ${name}: no network requests`);
}

const shortlistOf = (page) => page.$$eval('#shortlist tbody tr', (rows) => rows.map((r) => r.getAttribute('data-id')));

try {
  // The named report: no sliders, no script.
  {
    const url = report(join(dir, 'named.html'), []);
    const [context, page, errors, requests] = await open(url);
    if (await page.$('#weights')) fail('the named report has a slider panel');
    if (await page.$('script')) fail('the named report has a script');
    console.log('ok - named: no slider panel and no script');
    equal(await shortlistOf(page), expectedIds({}), 'named: shortlist equals score --top');
    const title = await page.title();
    if (!title.startsWith('Screening overview:')) fail(`named: the title is ${title}`);
    console.log('ok - named: titled as a screening overview');
    await printsAndIsQuiet('named', url, page, errors, requests);
    await context.close();
  }

  // Named with --sliders: the panel, and a notice saying why.
  {
    const url = report(join(dir, 'asked.html'), ['--sliders']);
    const [context, page, errors, requests] = await open(url);
    if (!(await page.$eval('#weights', (el) => !el.hidden))) fail('--sliders: the slider panel is hidden');
    const notice = await page.$$eval('p.notice', (els) => els.map((e) => e.textContent).join(' | '));
    if (!notice.includes('The weight sliders are on (--sliders) in an edition with names.')) fail(`--sliders: no notice: ${notice}`);
    console.log('ok - --sliders: the panel is shown and the report says why');
    await printsAndIsQuiet('sliders', url, page, errors, requests);
    await context.close();
  }

  // The blind report: sliders that re-rank as score --weight does.
  const url = report(join(dir, 'blind.html'), ['--blind']);
  const [context, page, errors, requests] = await open(url);
  const panelShown = await page.$eval('#weights', (el) => !el.hidden);
  if (!panelShown) fail('the slider panel is hidden with JavaScript on');
  console.log('ok - blind: the slider panel is shown');
  const shortlist = () => shortlistOf(page);
  equal(await shortlist(), expectedIds({}), 'shortlist with the rubric weights equals score --top');

  const sliders = await page.$$eval('#weights input[type=range]', (els) => els.map((e) => e.dataset.competency));
  async function move(competency, value) {
    const index = sliders.indexOf(competency);
    if (index < 0) fail(`no slider for ${competency}`);
    await page.$eval(`#weight-${index}`, (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, String(value));
  }
  await move('oekonomi', 0);
  equal(await shortlist(), expectedIds({ oekonomi: 0 }), 'after oekonomi=0 the shortlist equals score --weight oekonomi=0');
  await move('digitalisering', 10);
  await move('politik', 0.5);
  equal(await shortlist(), expectedIds({ oekonomi: 0, digitalisering: 10, politik: 0.5 }),
    'after three sliders the shortlist equals score --weight oekonomi=0 --weight digitalisering=10 --weight politik=0.5');
  const state = await page.$eval('#weights-state', (el) => el.textContent);
  if (!state.includes('digitalisering=10')) fail(`the page does not say which weights it shows: ${state}`);
  console.log('ok - the page says the weights are adjusted');
  const totals = await page.$$eval('#shortlist tbody td.num', (tds) => tds.map((td) => td.textContent));
  if (!totals.every((t) => /^\d+\.\d$/.test(t))) fail(`re-ranked totals are not shown with one decimal: ${totals}`);
  console.log('ok - re-ranked totals have one decimal');
  const restFirst = await page.$eval('#rest tbody tr', (r) => r.getAttribute('data-id'));
  const all = expectedIds({ oekonomi: 0, digitalisering: 10, politik: 0.5 });
  const full = (() => {
    const args = ['score', '--rubric', RUBRIC, APPLICANTS, '--format', 'csv', '--weight', 'oekonomi=0',
      '--weight', 'digitalisering=10', '--weight', 'politik=0.5'];
    const rows = parseCsv(execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const column = rows[0].indexOf('id');
    return rows.slice(1).map((r) => r[column]);
  })();
  equal(restFirst, full[all.length], 'the first of the rest is the next after the shortlist');
  await page.click('#weights-reset');
  equal(await shortlist(), expectedIds({}), 'reset restores the rubric ranking');
  await printsAndIsQuiet('blind', url, page, errors, requests);
  await context.close();

  // A draft letter: a plain page that prints.
  {
    const letters = join(dir, 'letters');
    execFileSync(binary, ['letters', '--rubric', RUBRIC, APPLICANTS, '--format', 'html', '-o', letters],
      { env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' }, stdio: 'ignore' });
    const letterUrl = pathToFileURL(join(letters, 'A001.html')).href;
    const [letterContext, letterPage, letterErrors, letterRequests] = await open(letterUrl);
    const text = await letterPage.textContent('body');
    if (!text.includes('UDKAST')) fail('the letter is not marked as a draft');
    const pdf = join(dir, 'letter.pdf');
    await letterPage.pdf({ path: pdf, format: 'A4', printBackground: true });
    if (readFileSync(pdf).subarray(0, 5).toString() !== '%PDF-') fail('the letter does not print');
    if (letterErrors.length) fail(`letter: console errors: ${letterErrors.join(' | ')}`);
    if (letterRequests.some((r) => r !== letterUrl)) fail('letter: requests besides the page');
    console.log('ok - letter: a draft that prints, with no console errors and no requests');
    await letterContext.close();
  }

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(url);
  const plainIds = await plain.$$eval('#shortlist tbody tr', (rows) => rows.map((r) => r.getAttribute('data-id')));
  equal(plainIds, expectedIds({}), 'without JavaScript the shortlist is there');
  const hidden = await plain.$eval('#weights', (el) => el.hidden);
  if (!hidden) fail('without JavaScript the slider panel shows');
  console.log('ok - without JavaScript the slider panel is hidden');
  await noJs.close();
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
