import './herald-news';
import { feedOfThisSite } from './feed-of-this-site';

/**
 * /embed/latest.html?feed=…&limit=…: the news box for hosts that allow no
 * scripts, shown in an iframe. Only a feed of this site is shown, so the page
 * is no renderer of anyone's feed; its CSP (connect-src 'self') refuses other origins too.
 */

const params = new URLSearchParams(location.search);
const feed = feedOfThisSite(params.get('feed'), location);
const box = document.createElement('herald-news');
if (feed) {
  box.setAttribute('feed', feed);
  box.setAttribute('limit', params.get('limit') ?? '5');
  const main = document.querySelector('main')!;
  main.replaceChildren(box);
} else {
  document.querySelector('main')!.textContent = 'Only feeds of this site can be shown here.';
}
