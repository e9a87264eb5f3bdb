// The Content-Security-Policy of every page of the add-in (today taskpane.html, which also hosts the custom
// functions: shared runtime). Office add-ins are static files, so the policy travels in the page itself, as
// <meta http-equiv="Content-Security-Policy">, put first in <head> (right after <meta charset>) by
// CspPlugin for every HtmlWebpackPlugin page; the dev server also sends it as a header (webpack.config.js).
// The build fails if a page has an inline <script> (one without src), which the policy would refuse anyway.
//
// Why each source is there (anything not listed falls back to default-src 'none'):
// - script-src 'self': functions.js and taskpane.js; https://appsforoffice.microsoft.com/lib/1/hosted/:
//   office.js, which Office requires from Microsoft's CDN, and the scripts it loads from its own folder
//   there (the host's excel-*.js, <locale>/office_strings.js, telemetry/*.js). No 'unsafe-inline', no
//   'unsafe-eval': neither our bundles nor Office.js need them (production and development builds use no
//   eval source maps: devtool is false or "source-map").
// - style-src 'self' 'unsafe-inline': Fluent UI v9 (Griffel) inserts <style> elements at run time, and the
//   page has one <style> of its own. A nonce would have to be new on every response; a static page cannot
//   have one, and a fixed nonce protects nothing. Styles cannot run script; script-src stays strict.
// - img-src 'self': the add-in's own assets only (the pane shows none today); no data:, no other host.
// - worker-src 'self': the triage Web Worker, dist/triage-worker.js, from the pane's own origin.
// - frame-src https://appsforoffice.microsoft.com/lib/1/hosted/: the only frame Office.js makes, its hidden
//   host-trust page (AgaveErrorUX/index.html) shown in Office on the web when the host is not a known
//   Office domain (e.g. Office Online Server); the same CDN folder script-src already trusts.
// - connect-src 'none' (by default-src): the add-in makes no network calls of its own and sends no
//   telemetry. Office.js talks to Excel by postMessage or the native bridge, not fetch/XHR; its optional
//   direct telemetry upload (Aria, *.pipe.aria.microsoft.com) is refused too, which is the product's rule.
// - font-src, media-src, manifest-src, object-src 'none' (by default-src): system fonts only, no plugins.
// - base-uri 'none' and form-action 'none' (they do not fall back to default-src): no <base> may move the
//   relative script URLs, and no form may post anywhere (the Policy form is handled in script).
// frame-ancestors is ignored in a <meta> policy; Office itself decides which hosts frame the pane.
const pluginName = "CspPlugin";

/** Office.js's folder on Microsoft's CDN (the page loads office.js from there). */
const OFFICE_JS_FOLDER = "https://appsforoffice.microsoft.com/lib/1/hosted/";

/** @type {ReadonlyArray<readonly [string, ...string[]]>} */
const DIRECTIVES = [
  ["default-src", "'none'"],
  ["script-src", "'self'", OFFICE_JS_FOLDER],
  ["style-src", "'self'", "'unsafe-inline'"],
  ["img-src", "'self'"],
  ["worker-src", "'self'"],
  ["frame-src", OFFICE_JS_FOLDER],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
];

/** The policy, one line. */
const CONTENT_SECURITY_POLICY = DIRECTIVES.map((d) => d.join(" ")).join("; ");

/** The <meta> element that carries it. */
const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;

/**
 * The page with the policy's <meta> first in <head> (after <meta charset>, which must stay early), or an
 * error message: no <head>, a policy already there, or an inline <script>.
 * @param {string} html
 * @returns {{html: string} | {error: string}}
 */
function withPolicy(html) {
  const markup = html.replace(/<!--[\s\S]*?-->/g, ""); // comments may name tags
  if (/http-equiv=["']?content-security-policy/i.test(markup)) return { error: "the page already has a Content-Security-Policy <meta>" };
  for (const tag of markup.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/\ssrc=/i.test(tag)) return { error: `inline script ${tag}: the policy refuses it; load it from a file` };
  }
  const charset = /<meta\s+charset=[^>]*>/i.exec(html);
  const head = /<head(\s[^>]*)?>/i.exec(html);
  const at = charset ?? head;
  if (!at) return { error: "the page has no <head>" };
  const end = at.index + at[0].length;
  return { html: html.slice(0, end) + CSP_META + html.slice(end) };
}

/** Puts the policy into every HtmlWebpackPlugin page; a page it cannot take fails the build. */
class CspPlugin {
  apply(compiler) {
    const HtmlWebpackPlugin = require("html-webpack-plugin");
    const { WebpackError } = compiler.webpack;
    compiler.hooks.compilation.tap(pluginName, (compilation) => {
      HtmlWebpackPlugin.getCompilationHooks(compilation).beforeEmit.tapAsync(pluginName, (data, callback) => {
        const result = withPolicy(data.html);
        if ("error" in result) {
          compilation.errors.push(new WebpackError(`${pluginName} ${data.outputName}: ${result.error}`));
          return callback(null, data);
        }
        callback(null, { ...data, html: result.html });
      });
    });
  }
}

module.exports = { CspPlugin, CONTENT_SECURITY_POLICY, CSP_META, DIRECTIVES, withPolicy };
