// The dashboard's routes: #/ (campaigns), #/campaigns/<id>, #/compare/<id>,<id>,..., #/sweeps, #/sweeps/<id>. Each view runs until the route
// changes, when its polling and event stream are aborted.
import { api } from './api.js';
import { showCampaign } from './campaign.js';
import { showCampaigns } from './campaigns.js';
import { showCompare } from './compare.js';
import { showSweep, showSweeps } from './sweeps.js';
import { showError } from './format.js';

let current = new AbortController();

async function route() {
  current.abort();
  current = new AbortController();
  const signal = current.signal;
  const view = document.getElementById('view');
  const [, kind, id] = location.hash.replace(/^#\/?/, '/').split('/');
  showError(null);
  try {
    if (kind === 'campaigns' && id) await showCampaign(view, decodeURIComponent(id), signal);
    else if (kind === 'compare' && id) await showCompare(view, id.split(',').map(decodeURIComponent), signal);
    else if (kind === 'sweeps' && id) await showSweep(view, decodeURIComponent(id), signal);
    else if (kind === 'sweeps') await showSweeps(view, signal);
    else await showCampaigns(view, signal);
  } catch (error) {
    if (!signal.aborted) showError(error);
  }
}

async function showSilo() {
  const status = await api('status');
  document.getElementById('silo').textContent =
    `${status.silo} · ${status.version} · ${status.cluster.length} silo${status.cluster.length === 1 ? '' : 's'}`;
}

window.addEventListener('hashchange', route);
route();
showSilo().catch(showError);
// Orleans' own dashboard is mounted only when Api:OrleansDashboard is on.
fetch('settings.json').then((r) => r.json()).then((settings) => {
  document.getElementById('orleans-link').hidden = !settings.orleansDashboard;
});
