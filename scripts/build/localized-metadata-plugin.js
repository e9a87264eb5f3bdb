// Builds localized custom-function metadata (e.g. functions.zh-CN.json) from the English metadata that
// custom-functions-metadata generates from the JSDoc. Ids, types and dimensionality are copied from the
// English file, so the two can never disagree; only descriptions and argument names are translated.
// A function or argument without a translation, or a translation for something that no longer exists,
// fails the build: a half-translated function list is worse than none.
const fs = require("fs");
const { sources, WebpackError, Compilation } = require("webpack");

const pluginName = "LocalizedMetadataPlugin";

/**
 * @param {{functions: Array<{id: string, name: string, description?: string, parameters: Array<{name: string, description?: string}>}>}} english
 * @param {Record<string, {description: string, parameters: Record<string, {name: string, description: string}>}>} table
 * @returns {{json: object, problems: string[]}}
 */
function localize(english, table) {
  const problems = [];
  const functions = english.functions.map((fn) => {
    const t = table[fn.id];
    if (!t) {
      problems.push(`no translation for function ${fn.id}`);
      return fn;
    }
    const params = fn.parameters.map((p) => {
      const tp = t.parameters && t.parameters[p.name];
      if (!tp || !tp.name || !tp.description) {
        problems.push(`no translation for argument ${fn.id}.${p.name}`);
        return p;
      }
      return { ...p, name: tp.name, description: tp.description };
    });
    for (const name of Object.keys(t.parameters || {})) {
      if (!fn.parameters.some((p) => p.name === name)) problems.push(`translation for unknown argument ${fn.id}.${name}`);
    }
    if (!t.description) problems.push(`no translated description for ${fn.id}`);
    return { ...fn, description: t.description || fn.description, parameters: params };
  });
  for (const id of Object.keys(table)) {
    if (!english.functions.some((fn) => fn.id === id)) problems.push(`translation for unknown function ${id}`);
  }
  return { json: { ...english, functions }, problems };
}

class LocalizedMetadataPlugin {
  /** @param {{source: string, locales: Record<string, string>}} options locale -> translation table file */
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap(pluginName, (compilation) => {
      compilation.hooks.processAssets.tap({ name: pluginName, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset(this.options.source);
        if (!asset) return; // the metadata plugin reported its own error
        const english = JSON.parse(asset.source.source().toString());
        for (const [locale, file] of Object.entries(this.options.locales)) {
          compilation.fileDependencies.add(file);
          const table = JSON.parse(fs.readFileSync(file, "utf8"));
          const { json, problems } = localize(english, table);
          for (const p of problems) compilation.errors.push(new WebpackError(`${pluginName} ${locale}: ${p}`));
          const name = this.options.source.replace(/\.json$/, `.${locale}.json`);
          compilation.emitAsset(name, new sources.RawSource(JSON.stringify(json, null, 2)));
        }
      });
    });
  }
}

module.exports = LocalizedMetadataPlugin;
module.exports.localize = localize;
