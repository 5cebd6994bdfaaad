/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Error pages (Chinese, in the page shell, with the status code). */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from './context.ts';

export function errorPage(c: AppContext, status: number, title: string, message: string) {
  c.status(status as ContentfulStatusCode);
  return c.render(
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </>,
    { title },
  );
}
