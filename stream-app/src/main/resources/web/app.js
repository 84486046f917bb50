// Shared helpers of the dashboard's pages: JSON requests, the header, time formatting.
const Vigil = {
  async get(path) {
    const r = await fetch(path);
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  },
  async post(path, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers['Authorization'] = 'Bearer ' + token;
    const r = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await r.text();
    const json = text ? JSON.parse(text) : {};
    if (!r.ok) throw new Error(json.error || r.statusText);
    return json;
  },
  time(ms) {
    return ms == null ? '' : new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z');
  },
  num(x) {
    return x == null ? '' : Number(x).toPrecision(4);
  },
  text(s) {
    const d = document.createElement('span');
    d.textContent = s == null ? '' : String(s);
    return d.innerHTML;
  },
  header(here) {
    const pages = [['/', 'Fleet'], ['/alerts.html', 'Alerts'], ['/policies.html', 'Policies']];
    const h = document.createElement('header');
    h.innerHTML = '<strong>Vigil</strong>' + pages.map(([href, name]) =>
      `<a href="${href}" class="${name === here ? 'here' : ''}">${name}</a>`).join('');
    document.body.prepend(h);
  },
};
