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

  // The threshold policy editor of the device page (one device) and the policies page (the
  // fleet): the form, filled with the policy in force; the proposal it describes; Preview, which
  // reports the counts of the proposal beside those of the policy in force and hands the whole
  // answer to onPreview; Apply, which waits until the pipeline has the new version in force.
  policyEditor(box, scope, deviceId, onPreview) {
    box.innerHTML = `
      <div class="bar"><label>Method <select id="method">
        <option>EWMA</option><option>STATIC</option><option>QUANTILE</option><option>SPOT</option>
        <option>DSPOT</option><option>LIKELIHOOD</option></select></label>
        <label>Parameters <input id="parameters" size="28"></label></div>
      <div class="bar"><label>Warm-up <input id="warmup" type="number" size="5"></label>
        <label>Open <input id="open" size="5"></label>
        <label>Close after <input id="close" type="number" size="4"></label></div>
      <div class="bar"><label>Author <input id="author" value="operator"></label>
        <label>Why <input id="comment" size="30"></label></div>
      <div class="bar"><label>Token <input id="token" type="password" size="30"></label></div>
      <div class="bar"><button id="preview">Preview</button><button id="apply">Apply</button>
        <span id="message" class="warning"></span></div>
      <div id="preview-counts"></div>`;
    const $ = id => box.querySelector('#' + id);
    const key = scope === 'FLEET' ? 'fleet' : 'device:' + deviceId;
    $('token').value = sessionStorage.getItem('vigil-token') || '';
    const fill = p => {
      $('method').value = p.method;
      $('parameters').value = JSON.stringify(p.parameters);
      $('warmup').value = p.warmupWindows;
      $('open').value = p.alertRule.openWhenExceeded + '/' + p.alertRule.ofLastWindows;
      $('close').value = p.alertRule.closeAfterNormal;
    };
    // The policy that applies to the scope now: its own, else the fleet's, else the built-in one.
    Vigil.get('/api/policies').then(p => {
      fill(p.inForce[key] || p.inForce.fleet || p.builtIn);
      box.dataset.loaded = 'true';
    });
    const proposal = () => {
      let parameters;
      try { parameters = JSON.parse($('parameters').value || '{}'); }
      catch (e) { throw new Error('parameters: not JSON'); }
      const [m, n] = $('open').value.split('/').map(Number);
      const body = { scope, method: $('method').value, parameters,
        warmupWindows: Number($('warmup').value),
        alertRule: { openWhenExceeded: m, ofLastWindows: n, closeAfterNormal: Number($('close').value) },
        author: $('author').value, comment: $('comment').value };
      if (deviceId) body.deviceId = deviceId;
      return body;
    };
    $('preview').onclick = async () => {
      $('message').textContent = '';
      try {
        const p = await Vigil.post('/api/policies/preview', proposal());
        const row = (name, id, t) => `<tr><td>${name}</td><td id="${id}">${t.episodes}</td>
          <td>${t.episodesPerDeviceDay.toFixed(2)}</td><td>${t.events}</td></tr>`;
        $('preview-counts').innerHTML =
          `<table id="preview-table"><tr><th></th><th>episodes</th><th>per device-day</th><th>events</th></tr>
           ${row('in force', 'in-force-episodes', p.inForce)}${row('proposed', 'proposed-episodes', p.proposed)}</table>
           <p class="muted">${p.devices} device(s), ${p.inForce.deviceDays.toFixed(2)} device-days of stored scores</p>` +
          (p.note ? `<p class="muted">${Vigil.text(p.note)}</p>` : '') +
          (p.warning ? `<p class="warning">${Vigil.text(p.warning)}</p>` : '');
        if (onPreview) onPreview(p);
      } catch (e) { $('message').textContent = e.message; }
    };
    $('apply').onclick = async () => {
      const token = $('token').value;
      sessionStorage.setItem('vigil-token', token);
      $('message').textContent = '';
      try {
        const p = await Vigil.post('/api/policies', proposal(), token);
        const wanted = p.policyId + '@' + p.version;
        $('message').textContent = `published ${wanted}; waiting for the pipeline...`;
        for (let i = 0; i < 120; i++) {
          const inForce = (await Vigil.get('/api/policies')).inForce[key];
          if (inForce && inForce.policyId === p.policyId && inForce.version >= p.version) {
            $('message').textContent = `published ${wanted}; in force from the next window`;
            box.dispatchEvent(new CustomEvent('applied', { detail: wanted }));
            return;
          }
          await new Promise(r => setTimeout(r, 500));
        }
      } catch (e) { $('message').textContent = e.message; }
    };
  },
};
