import { getJson } from './api.js';
import { fill, h } from './dom.js';
import { isLanguage, LANGUAGES, language, setLanguage, t } from './i18n.js';
import type { Language } from './i18n.js';
import type { PolicyList } from './types.js';
import { draftView } from './views/draft.js';
import { policiesView } from './views/policies.js';
import { termsView } from './views/terms.js';
import { tryView } from './views/try.js';

/** One page of the studio, drawn into the main area from the route's parts. */
type View = (main: HTMLElement, parts: readonly string[]) => Promise<void>;

const views: Record<string, { view: View; follows: boolean }> = {
  policies: { view: policiesView, follows: true },
  terms: { view: termsView, follows: true },
  try: { view: tryView, follows: false },
  draft: { view: draftView, follows: false },
};

/** How often the pages that show loaded terms look for a reload of the policies. */
const FOLLOW_MS = 2000;

function route(): { name: string; parts: string[] } {
  const [name = 'policies', ...parts] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return Object.hasOwn(views, name) ? { name, parts } : { name: 'policies', parts: [] };
}

function header(): HTMLElement {
  const current = route().name;
  const link = (name: string, label: string) => h('a', { href: `#/${name}`, 'aria-current': current === name ? 'page' : null }, label);
  const switcher = h('select', { id: 'language', onchange: (event: Event) => changeLanguage((event.target as HTMLSelectElement).value) },
    ...LANGUAGES.map((code) => h('option', { value: code, selected: code === language() }, t(code === 'en' ? 'language.en' : 'language.sv'))));
  return h('header', { class: 'top' },
    h('a', { class: 'skip', href: '#main', onclick: (event: Event) => { event.preventDefault(); document.getElementById('main')?.focus(); } }, t('nav.skip')),
    h('p', { class: 'brand' }, t('app.title')),
    h('nav', { 'aria-label': t('nav.label') }, link('policies', t('nav.policies')), link('try', t('nav.try')), link('draft', t('nav.draft'))),
    h('div', { class: 'language' }, h('label', { for: 'language' }, t('language.label')), switcher));
}

let drawing = 0;

async function draw(): Promise<void> {
  const turn = ++drawing;
  const app = document.getElementById('app') as HTMLElement;
  const main = h('main', { id: 'main', tabindex: '-1' });
  document.title = t('app.title');
  fill(app, header(), main);
  const { name, parts } = route();
  main.setAttribute('aria-busy', 'true');
  await views[name]?.view(main, parts);
  if (turn === drawing) main.removeAttribute('aria-busy');
  app.removeAttribute('aria-busy');
}

function changeLanguage(code: string): void {
  if (!isLanguage(code)) return;
  setLanguage(code);
  const url = new URL(location.href);
  url.searchParams.set('lang', code);
  history.replaceState(null, '', url);
  void draw();
}

/** Redraws a page that shows loaded terms when the service has reloaded its policies. */
function followReloads(): void {
  let seen: string | undefined;
  const look = async () => {
    const answer = await getJson<PolicyList>('/studio/api/policies');
    if (!answer.ok) return;
    const signature = answer.body.policies.flatMap((policy) => policy.versions.map((version) => version.sha256)).join(',');
    if (seen !== undefined && signature !== seen && views[route().name]?.follows) void draw();
    seen = signature;
  };
  void look();
  setInterval(() => void look(), FOLLOW_MS);
}

function start(): void {
  const asked = new URL(location.href).searchParams.get('lang');
  const served = document.documentElement.lang;
  setLanguage(isLanguage(asked) ? asked : isLanguage(served) ? (served as Language) : 'en');
  window.addEventListener('hashchange', () => void draw());
  void draw();
  followReloads();
}

start();
