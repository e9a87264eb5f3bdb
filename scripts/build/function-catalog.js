// The task pane's Functions tab is built from the metadata Excel gets, in the same build: before each
// compilation this plugin generates the English metadata from the JSDoc of src/functions/functions.ts with
// the same generator (custom-functions-metadata) as dist/functions.json, localizes it with the same
// function (localized-metadata-plugin.js) as dist/functions.zh-CN.json, and hands both to the pane's bundle
// as the constant AR_FUNCTION_CATALOG (DefinePlugin). So the list cannot drift from what Excel registers,
// needs no request at run time (the pages' Content-Security-Policy allows none: no connect-src) and works
// offline. `reference` names the formula reference copied next to the pane (see webpack.config.js).
const fs = require("fs");
const path = require("path");
const { DefinePlugin } = require("webpack");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const { localize } = require("./localized-metadata-plugin");

const pluginName = "FunctionCatalogPlugin";

class FunctionCatalogPlugin {
  /** @param {{input: string, zh: string, reference: string}} options functions.ts, its zh-CN table, the reference's file name */
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const input = path.resolve(this.options.input);
    const zhFile = path.resolve(this.options.zh);
    let catalog = "null";
    compiler.hooks.beforeCompile.tapPromise(pluginName, async () => {
      const result = await generateCustomFunctionsMetadata([input], false);
      // errors are the metadata plugin's to report (it fails the build on them)
      if (result.errors.length > 0) return;
      const en = JSON.parse(result.metadataJson);
      const zh = localize(en, JSON.parse(fs.readFileSync(zhFile, "utf8"))).json;
      catalog = JSON.stringify({ en, zh, reference: this.options.reference });
    });
    // re-evaluated, and its modules rebuilt, when either source changes (watch mode)
    new DefinePlugin({
      AR_FUNCTION_CATALOG: DefinePlugin.runtimeValue(() => catalog, { fileDependencies: [input, zhFile] }),
    }).apply(compiler);
  }
}

module.exports = FunctionCatalogPlugin;
