/**
 * Keyboard-only use of the application form, in Debian's Chromium with JavaScript disabled, over the
 * demo data: the skip link is the first Tab stop and moves focus to <main>; every Tab stop shows a
 * focus indicator; the Tab order follows the fieldsets from top to bottom; after an invalid submit
 * focus starts on the error summary, whose links move focus to the fields; the application is
 * completed (Space on radios and the checkbox, arrow keys within radio groups, Space on the file
 * input to choose a file) and submitted with the keyboard, landing on the receipt with a case
 * number. Nothing is clicked or filled through a locator. Screenshot:
 * docs/screenshots/portal-apply-keyboard.png (a focused radio button after an arrow key).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Store } from '../../src/store/db.ts';
import { type DemoSite, demoSite, noBrowser, SHOTS, scriptlessContext } from './browser.ts';

/** What has the focus, and how it is drawn. */
interface Focused {
  tag: string;
  id: string;
  cls: string;
  type: string;
  text: string;
  href: string;
  checked: boolean;
  focusVisible: boolean;
  /** A visible outline or box-shadow (the focus indicator). */
  indicator: boolean;
  /** An outer (not inset) box-shadow in the ink colour. */
  darkRing: boolean;
  /** The element's top edge in the page and whether it is inside the viewport horizontally. */
  top: number;
  onScreen: boolean;
  /** The legend of the enclosing fieldset.group ('' outside the form's groups). */
  group: string;
  inSummary: boolean;
}

const FOCUSED = `(() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const g = e.closest('fieldset.group');
  return {
    tag: e.tagName, id: e.id, cls: e.className, type: e.type ?? '', text: (e.textContent ?? '').trim(),
    href: e.getAttribute('href') ?? '', checked: !!e.checked, focusVisible: e.matches(':focus-visible'),
    indicator: outline || s.boxShadow !== 'none',
    darkRing: s.boxShadow.includes('rgb(27, 27, 27)') && !s.boxShadow.includes('inset'),
    top: r.top + window.scrollY, onScreen: r.right > 0 && r.left < window.innerWidth,
    group: g ? g.querySelector(':scope > legend').textContent.trim() : '',
    inSummary: !!e.closest('.error-summary'),
  };
})()`;

const focused = (page: Page) => page.evaluate(FOCUSED) as Promise<Focused>;
const label = (f: Focused) => `${f.tag}#${f.id || f.cls || f.text.slice(0, 12)}`;

/** Tab stops of the application's controls, from the applicant type to the submit button. */
const ALL_CONTROLS = [
  'f-applicantType-naturalPerson',
  'f-personName',
  'f-idType',
  'f-idNumber',
  'f-workUnit',
  'f-orgName',
  'f-creditCode',
  'f-legalRepresentative',
  'f-contactPerson',
  'f-phone',
  'f-email',
  'f-address',
  'f-postcode',
  'f-fax',
  'f-description',
  'f-infoTitle',
  'f-documentNumber',
  'f-purpose',
  'f-form-paper',
  'f-delivery-collect',
  'f-attachments',
  'f-needsAssistance',
  'submit',
];
const GROUPS = ['申请人信息', '联系方式', '所需政府信息', '提供形式和获取方式', '附件和其他事项'];

describe('application form with the keyboard only', { skip: noBrowser }, () => {
  let site: DemoSite | undefined;
  let store: Store;
  let browser: Browser;
  let base = '';
  let agencyId = 0;

  before(async () => {
    site = await demoSite({ seed: { perYear: 2, until: '2026-02-27' }, tmpPrefix: 'gongkai-kb-e2e-' });
    ({ store, browser, base, agencyId } = site);
  });

  after(() => site?.close());

  it('skip link, focus indicators, Tab order, error summary links and a keyboard-only submission', {
    timeout: 120_000,
  }, async () => {
    const context = await scriptlessContext(browser, { deviceScaleFactor: 1 });
    const page = await context.newPage();
    const applyPath = `/agencies/${agencyId}/apply`;

    /** Presses the key, then checks that whatever got the focus shows it. */
    const press = async (key: string): Promise<Focused> => {
      await page.keyboard.press(key);
      const f = await focused(page);
      if (f.tag !== 'BODY' && f.tag !== 'MAIN') {
        assert.ok(f.focusVisible, `${label(f)} matches :focus-visible`);
        assert.ok(f.indicator, `${label(f)} has a visible outline or box-shadow when focused`);
        // radios and checkboxes paint no inset shadow, and the yellow outline alone is 1.4:1 on white
        if (f.type === 'radio' || f.type === 'checkbox')
          assert.ok(f.darkRing, `${label(f)} has a dark ring around its yellow outline`);
      }
      return f;
    };
    /** Tabs (or Shift+Tabs) until `until` holds for the focused element; at most `max` stops. */
    const tabTo = async (until: (f: Focused) => boolean, what: string, back = false, max = 40) => {
      for (let i = 0; i < max; i++) {
        const f = await press(back ? 'Shift+Tab' : 'Tab');
        if (until(f)) return f;
      }
      assert.fail(`${what} not reached within ${max} Tab stops`);
    };
    const byId = (id: string) => (f: Focused) => f.id === id;
    /** Whether the element is inside the viewport (not scrolled off the top or bottom). */
    const inView = (selector: string) =>
      page.evaluate(
        `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight; })()`,
      ) as Promise<boolean>;
    const controlId = (f: Focused) => (f.tag === 'BUTTON' && f.type === 'submit' ? 'submit' : f.id);

    // 1. the skip link is the first Tab stop, shown on screen, and moves focus to <main>
    await page.goto(`${base}${applyPath}`);
    const skip = await press('Tab');
    assert.equal(skip.cls, 'skip-link', `first Tab stop: ${label(skip)}`);
    assert.equal(skip.href, '#main');
    assert.ok(skip.onScreen, 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    const main = await focused(page);
    assert.equal(main.tag, 'MAIN');
    assert.equal(main.id, 'main');

    // 2. from <main>, Tab through the whole form: every control once, in the order of the
    //    fieldsets, each further down the page than the one before (visual order)
    const stops: Focused[] = [];
    for (let f = await press('Tab'); ; f = await press('Tab')) {
      if (f.tag === 'INPUT' || f.tag === 'SELECT' || f.tag === 'TEXTAREA' || f.tag === 'BUTTON')
        stops.push(f);
      else assert.equal(stops.length, 0, `${label(f)} is a Tab stop inside the form`);
      if (controlId(f) === 'submit') break;
      assert.ok(stops.length < ALL_CONTROLS.length + 5, 'the submit button is reached');
    }
    assert.deepEqual(stops.map(controlId), ALL_CONTROLS);
    for (let i = 1; i < stops.length; i++)
      assert.ok(
        stops[i]!.top >= stops[i - 1]!.top,
        `${label(stops[i]!)} (top ${stops[i]!.top}) is not above ${label(stops[i - 1]!)} (top ${stops[i - 1]!.top})`,
      );
    const groups = stops.map((s) => s.group).filter((g, i, all) => g !== '' && g !== all[i - 1]);
    assert.deepEqual(groups, GROUPS, 'fieldsets in visual order, each visited once');

    // 3. an invalid first attempt: Space checks 自然人, the name typed, Enter on the submit button
    await page.goto(`${base}${applyPath}`);
    await tabTo(byId('f-applicantType-naturalPerson'), '申请人类型');
    await page.keyboard.press('Space');
    assert.ok((await focused(page)).checked, 'Space checks the focused radio button');
    assert.equal((await press('Tab')).id, 'f-personName');
    await page.keyboard.type('李四');
    // the organisation's fields are hidden for a natural person, and so out of the Tab order
    assert.deepEqual(
      [(await press('Tab')).id, (await press('Tab')).id, (await press('Tab')).id, (await press('Tab')).id],
      ['f-idType', 'f-idNumber', 'f-workUnit', 'f-phone'],
    );
    await tabTo((f) => controlId(f) === 'submit', 'the submit button');
    const [invalid] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(invalid?.status(), 400);
    assert.equal(new URL(page.url()).pathname, applyPath);

    // 4. focus starts on the error summary; the next Tab stops are its links
    const summary = await focused(page);
    assert.match(summary.cls, /error-summary/, `focus after the invalid submit: ${label(summary)}`);
    assert.match(summary.text, /提交的内容有\d+处需要修改/);
    const links: Focused[] = [];
    for (let f = await press('Tab'); f.inSummary; f = await press('Tab')) links.push(f);
    assert.deepEqual(
      links.map((l) => l.href),
      // the contact group's message links to its first input
      ['#f-idNumber', '#f-phone', '#f-description', '#f-form-paper', '#f-delivery-collect'],
    );
    assert.match(links[0]!.text, /身份证明号码/);
    // the values typed before are kept
    assert.equal(await page.evaluate("document.getElementById('f-personName').value"), '李四');
    assert.equal(
      await page.evaluate("document.getElementById('f-applicantType-naturalPerson').checked"),
      true,
    );

    // 5. the first link moves focus to its field; the ID number is typed there, then the contacts
    //    and the description, tabbing on
    await tabTo((f) => f.inSummary && f.href === '#f-idNumber', 'the summary link to 身份证明号码', true);
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'f-idNumber', 'the summary link focuses its field');
    assert.ok(await inView('label[for=f-idNumber]'), "the field's label stays in view");
    await page.keyboard.type('11010519491231002X');
    assert.equal((await press('Tab')).id, 'f-workUnit');
    assert.equal((await press('Tab')).id, 'f-phone');
    await page.keyboard.type('13800138000');
    assert.equal((await press('Tab')).id, 'f-email');
    await page.keyboard.type('lisi@example.com');
    await tabTo(byId('f-description'), '所需政府信息的描述');
    await page.keyboard.type('某某小区加装电梯项目的规划许可和施工许可文件');

    // 6. back up to the summary (Shift+Tab), its link to 提供形式 focuses the group's first radio;
    //    the arrow keys choose within the group, Tab goes on to the next group
    await tabTo((f) => f.inSummary && f.href === '#f-form-paper', 'the summary link to 提供形式', true);
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'f-form-paper');
    assert.ok(await inView('#f-form-paper'), 'the focused radio button is in view');
    assert.ok(
      await inView('fieldset:has(> ul > li > #f-form-paper) > legend'),
      "the group's legend stays in view",
    );
    const electronic = await press('ArrowDown');
    assert.equal(electronic.id, 'f-form-electronic');
    assert.ok(electronic.checked, 'ArrowDown checks the next radio button');
    await page.screenshot({ path: join(SHOTS, 'portal-apply-keyboard.png') });
    assert.equal((await press('Tab')).id, 'f-delivery-collect', 'Tab leaves the radio group');
    await press('ArrowDown');
    const email = await press('ArrowDown');
    assert.equal(email.id, 'f-delivery-email');
    assert.ok(email.checked);

    // 7. Space on the file input opens the file chooser (answered here, as a person would in the
    //    system dialog); Space checks the assistance box; Space on the submit button sends the form
    assert.equal((await press('Tab')).id, 'f-attachments');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles({
      name: '身份证.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    });
    assert.equal((await focused(page)).id, 'f-attachments', 'focus stays on the file input');
    assert.equal((await press('Tab')).id, 'f-needsAssistance');
    await page.keyboard.press('Space');
    assert.ok((await focused(page)).checked, 'Space checks the checkbox');
    assert.equal(controlId(await press('Tab')), 'submit');
    await Promise.all([page.waitForURL(`${base}/receipt`), page.keyboard.press('Space')]);

    const codes = await page.evaluate(
      "[...document.querySelectorAll('.big-code')].map((e) => e.textContent.trim())",
    );
    const [number, code] = codes as [string, string];
    assert.match(number, /^2026-\d{5}$/);
    assert.match(code, /^[A-Z2-9]{8}$/);
    // what was typed and chosen is what was filed
    const saved = await store.db
      .selectFrom('application_case')
      .select(['id', 'applicant_name', 'intake'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    assert.equal(saved.applicant_name, '李四');
    const intake = JSON.parse(saved.intake) as {
      contact: { phone?: string; email?: string };
      information: { description: string };
      form: string;
      delivery: string;
      needsAssistance?: boolean;
    };
    assert.equal(intake.contact.phone, '13800138000');
    assert.equal(intake.contact.email, 'lisi@example.com');
    assert.equal(intake.information.description, '某某小区加装电梯项目的规划许可和施工许可文件');
    assert.equal(intake.form, 'electronic', 'chosen with ArrowDown');
    assert.equal(intake.delivery, 'email', 'chosen with ArrowDown twice');
    assert.equal(intake.needsAssistance, true, 'checked with Space');
    const files = await store.db
      .selectFrom('attachment')
      .select('filename')
      .where('case_id', '=', saved.id)
      .execute();
    assert.deepEqual(
      files.map((f) => f.filename),
      ['身份证.pdf'],
      'the file chosen with the keyboard was sent',
    );
    await context.close();
  });
});
