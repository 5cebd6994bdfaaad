/**
 * formBody(): urlencoded bodies are decoded from the raw bytes (not through a FormData), and must
 * read exactly as the WHATWG form parser reads them; multipart still goes through Hono's parser.
 * The bodies are written by hand here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/web/context.ts';
import { files, formBody, text } from '../../src/web/http.ts';

function echoApp() {
  const app = new Hono<AppEnv>();
  app.post('/echo', async (c) => {
    const body = await formBody(c);
    // a second call answers from the same parse (the CSRF check and the handler both read it)
    assert.equal(await formBody(c), body);
    return c.json({
      fields: Object.fromEntries(
        Object.entries(body).map(([k, v]) => [
          k,
          Array.isArray(v)
            ? v.map((x) => (typeof x === 'string' ? x : `file:${x.name}`))
            : typeof v === 'string'
              ? v
              : `file:${v.name}`,
        ]),
      ),
      description: text(body, 'description'),
      files: files(body, 'attachments').map((f) => f.name),
    });
  });
  return app;
}

describe('formBody', () => {
  it('decodes urlencoded bodies like the form parser: UTF-8, "+" as space, repeated fields as arrays', async () => {
    const raw = 'description=%E6%94%BF%E5%BA%9C+%E4%BF%A1%E6%81%AF%2B1&tag=a&tag=b&tag=c&empty=&flag';
    const r = await echoApp().request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: raw,
    });
    const got = (await r.json()) as { fields: Record<string, unknown>; description: string };
    assert.equal(got.description, '政府 信息+1');
    assert.deepEqual(got.fields.tag, ['a', 'b', 'c']);
    assert.equal(got.fields.empty, '');
    assert.equal(got.fields.flag, '');
    // the same body through the platform's own FormData parser
    const reference = await new Response(raw, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }).formData();
    assert.equal(reference.get('description'), got.description);
    assert.deepEqual(reference.getAll('tag'), got.fields.tag);
  });

  it('leaves multipart bodies (with files) to the multipart parser', async () => {
    const fd = new FormData();
    fd.append('description', '附件申请');
    fd.append(
      'attachments',
      new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], '身份证.pdf', { type: 'application/pdf' }),
    );
    const r = await echoApp().request('/echo', { method: 'POST', body: fd });
    const got = (await r.json()) as { description: string; files: string[] };
    assert.equal(got.description, '附件申请');
    assert.deepEqual(got.files, ['身份证.pdf']);
  });

  it('reads no form from other content types', async () => {
    const r = await echoApp().request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'description=x',
    });
    assert.deepEqual(((await r.json()) as { fields: object }).fields, {});
  });
});
