// Build of the Excel add-in: the custom functions (shared runtime), the task pane, their metadata
// (English from JSDoc, Simplified Chinese derived from it by id) and the manifest.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const LocalizedMetadataPlugin = require("./scripts/build/localized-metadata-plugin");
const FunctionCatalogPlugin = require("./scripts/build/function-catalog");
const { CspPlugin, CONTENT_SECURITY_POLICY } = require("./scripts/build/csp");
const { renderManualPage } = require("./scripts/build/manual");

const devPort = Number(process.env.npm_package_config_dev_server_port || 3000);
const urlDev = `https://localhost:${devPort}/`;
// Production hosting URL: set AR_ADDIN_URL when building for a real deployment.
const urlProd = process.env.AR_ADDIN_URL ? process.env.AR_ADDIN_URL.replace(/\/*$/, "/") : urlDev;

// The manual (docs/*.md) rendered as pages beside the pane (dist/docs/*.html, scripts/build/manual.js): the
// Functions tab links each function to its section of docs/formulas.html (`### AR.GRADE` → #argrade).
const FORMULA_REFERENCE = "docs/formulas.html";

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  return {
    // Never an eval-based source map: the pages' Content-Security-Policy (scripts/build/csp.js) has no
    // 'unsafe-eval', so webpack's development default ("eval") would not run.
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The triage Web Worker (new Worker(new URL("./triage.worker.ts", import.meta.url))) is its own
      // chunk, triage-worker.js, loaded from the pane's origin.
      chunkFilename: "[name].js",
      clean: true,
    },
    // The sources import "./x.js" (ESM style) and webpack finds x.ts or x.tsx (the React task pane).
    resolve: { extensions: [".ts", ".tsx", ".js"], extensionAlias: { ".js": [".ts", ".tsx", ".js"] } },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck` (strict tsc); the bundle only transpiles.
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { hints: false },
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizedMetadataPlugin({
        source: "functions.json",
        locales: { "zh-CN": path.resolve(__dirname, "src/functions/functions.zh-CN.json") },
      }),
      // the Functions tab: the same metadata, bundled into the pane (no request at run time)
      new FunctionCatalogPlugin({
        input: "./src/functions/functions.ts",
        zh: "src/functions/functions.zh-CN.json",
        reference: FORMULA_REFERENCE,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
      }),
      // The Content-Security-Policy <meta>, first in <head> of every page above (and no inline script).
      new CspPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The header words the triage recognises, linked from the pane's column mapping.
          { from: "docs/triage-headers.md", to: "triage-headers.md" },
          // The manual as pages (the Functions tab links to docs/formulas.html), with its pictures.
          { from: "docs/*.md", to: "docs/[name].html", transform: (content) => renderManualPage(content.toString()) },
          { from: "docs/images/*.png", to: "docs/images/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().split(urlDev).join(urlProd)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      // The pages carry the policy as <meta>; the header says the same and also covers the worker script.
      headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": CONTENT_SECURITY_POLICY },
      port: devPort,
      host: "localhost",
      hot: false,
      liveReload: false,
      client: false,
      allowedHosts: "all",
      // Certificates are only looked at when serving, never for a plain build.
      server: env && env.WEBPACK_SERVE ? await httpsOptions() : undefined,
    },
  };
};

/** HTTPS with the Office dev certificates (created on first run by `npm start`, no sudo needed). */
async function httpsOptions() {
  const certs = require("./scripts/certs");
  const files = await certs.ensureCertificates();
  return { type: "https", options: { key: files.key, cert: files.cert, ca: files.ca } };
}
