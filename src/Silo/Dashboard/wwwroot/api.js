// The silo's API as the page uses it: JSON over fetch with the bearer token when the silo asks for one, and the
// campaign event stream read from a fetch body (EventSource cannot send an Authorization header).
const tokenKey = 'rlvr.token';
let tokenPrompt = null;

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...options.headers };
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/v1/${path}`, { ...options, headers });
  if (response.status === 401) {
    await askForToken(token !== null);
    return api(path, options);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new Error(problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`);
  }
  return response.json();
}

export const post = (path) => api(path, { method: 'POST' });

// Sends each event ({type, id, data}) of the campaign after step `after` to onEvent until the stream ends (the
// campaign is done) or `signal` aborts; a dropped connection resumes from the last event id.
export async function streamEvents(campaignId, after, onEvent, signal) {
  let last = after;
  while (!signal.aborted) {
    const headers = { Accept: 'text/event-stream' };
    const token = sessionStorage.getItem(tokenKey);
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      const response = await fetch(`/api/v1/campaigns/${encodeURIComponent(campaignId)}/events?after=${last}`,
        { headers, signal });
      if (response.status === 401) {
        await askForToken(token !== null);
        continue;
      }
      if (!response.ok) throw new Error(`event stream: ${response.status}`);
      for await (const event of readEvents(response.body)) {
        if (event.id !== undefined) last = Number(event.id);
        onEvent(event);
      }
      return;
    } catch (e) {
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const text = line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') event.data = JSON.parse(text);
        else if (field === 'event') event.type = text;
        else if (field === 'id') event.id = text;
      }
      if (event.type) yield event;
    }
  }
}

function askForToken(refused) {
  tokenPrompt ??= new Promise((resolve) => {
    const form = document.getElementById('token-form');
    const input = document.getElementById('token');
    form.hidden = false;
    document.getElementById('token-refused').hidden = !refused;
    input.value = '';
    input.focus();
    form.onsubmit = (e) => {
      e.preventDefault();
      sessionStorage.setItem(tokenKey, input.value.trim());
      form.hidden = true;
      tokenPrompt = null;
      resolve();
    };
  });
  return tokenPrompt;
}
