/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** /login, /logout and /account (the signed-in staff user's page). */
import { Hono } from 'hono';
import { authenticate, STAFF_HOME } from './auth.ts';
import type { AppEnv } from './context.ts';
import { ErrorSummary, type FieldErrors, TextField } from './forms.tsx';
import { requireStaff, staffUser } from './guard.ts';
import { clientIp, formBody, safeLocalPath, seeOther, text } from './http.ts';
import { CsrfInput } from './layout.tsx';
import { csrfToken } from './security.ts';
import { addFlash, endSession, startStaffSession } from './session.ts';

const LoginForm = (p: { csrf: string; username: string; next: string; errors: FieldErrors }) => (
  <>
    <h1>工作人员登录</h1>
    <p>本页面供机关工作人员办理政府信息公开申请。申请人提交申请、查询办理进度无需登录。</p>
    <ErrorSummary errors={p.errors} order={['username', 'password']} />
    <form method="post" action="/login" class="stack" novalidate>
      <CsrfInput token={p.csrf} />
      <input type="hidden" name="next" value={p.next} />
      <TextField
        name="username"
        label="用户名"
        value={p.username}
        errors={p.errors}
        required
        autocomplete="username"
        size="medium"
        spellcheck={false}
      />
      <TextField
        name="password"
        label="密码"
        type="password"
        errors={p.errors}
        required
        autocomplete="current-password"
        size="medium"
      />
      <div class="actions">
        <button type="submit" class="button">
          登录
        </button>
      </div>
    </form>
  </>
);

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    const next = safeLocalPath(c.req.query('next')) ?? '';
    if (c.get('user')) return seeOther(c, next || STAFF_HOME);
    return c.render(<LoginForm csrf={csrfToken(c)} username="" next={next} errors={{}} />, {
      title: '工作人员登录',
    });
  });

  app.post('/login', async (c) => {
    const deps = c.get('deps');
    const body = await formBody(c);
    const username = text(body, 'username').trim().slice(0, 100);
    const password = text(body, 'password').slice(0, 1000);
    const next = safeLocalPath(text(body, 'next')) ?? '';
    const errors: FieldErrors = {};
    if (!username) errors.username = ['用户名：必填'];
    if (!password) errors.password = ['密码：必填'];
    if (!errors.username && !errors.password) {
      const r = await authenticate(deps, username, password, clientIp(c));
      if (r.ok) {
        await startStaffSession(c, r.userId);
        await addFlash(c, '您已登录。');
        return seeOther(c, next || STAFF_HOME);
      }
      if (r.reason === 'blocked') {
        c.status(429);
        c.header('Retry-After', String(r.minutes * 60));
        errors[''] = [`登录失败次数过多，请${r.minutes}分钟后再试。如忘记密码，请联系系统管理员。`];
      } else {
        c.status(400);
        errors.password = ['用户名或密码不正确'];
      }
    } else c.status(400);
    return c.render(<LoginForm csrf={csrfToken(c)} username={username} next={next} errors={errors} />, {
      title: '工作人员登录',
    });
  });

  app.post('/logout', async (c) => {
    await endSession(c);
    return seeOther(c, '/');
  });

  app.get('/account', requireStaff(), (c) => {
    const user = staffUser(c);
    return c.render(
      <>
        <h1>工作台</h1>
        <dl class="summary-list">
          <dt>姓名</dt>
          <dd>{user.displayName}</dd>
          <dt>用户名</dt>
          <dd>{user.username}</dd>
          <dt>所在机关</dt>
          <dd>{user.agencyName}</dd>
          <dt>角色</dt>
          <dd>{user.roleLabel}</dd>
        </dl>
        <p>案件办理、文书和年度报告的工作界面正在建设中。</p>
      </>,
      { title: '工作台', area: 'console' },
    );
  });

  return app;
}
