/** Signs in to the pages as a browser would (the form's token and cookie, then POST): the session cookie's value. */
export async function signInToPages(url: string, token: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`);
  const formCookie = /editions_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const formToken = /name="form_token" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_sign_in=${formCookie}`, origin: url },
    body: new URLSearchParams({ token, form_token: formToken, next: '/statements' }),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return /editions_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
}
