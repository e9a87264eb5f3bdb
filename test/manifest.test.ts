/**
 * Offline checks of manifest.xml (the online validator, `office-addin-manifest validate`, is unreachable
 * here). Limits come from Microsoft's manifest reference: resource ids and resid <= 32 characters
 * (Resources, Runtime), Namespace <= 32, ShortStrings <= 125, LongStrings <= 250, URLs https and
 * <= 2048; VersionOverrides 1.1 is not usable for task pane add-ins; a shared runtime loads only when
 * Runtime, Page, FunctionFile and the ShowTaskpane action use the same resid.
 *
 * The "against the build" checks need dist/: `npm test` runs `npm run build` before vitest.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ADDIN_ID } from "../src/office/workbook-policy.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifestPath = path.join(root, "manifest.xml");
const distDir = path.join(root, "dist");
const manifestXml = readFileSync(manifestPath, "utf8");
const devPort = Number(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).config?.dev_server_port ?? 3000);
const devBase = `https://localhost:${devPort}/`;

// ---------------------------------------------------------------------------------------------------
// A small element tree over fast-xml-parser's order-preserving output.

interface El {
  name: string; // qualified, e.g. "bt:String"
  local: string; // without prefix, e.g. "String"
  attrs: Record<string, string>;
  children: El[];
  text: string;
  parent: El | null;
}

function parse(xml: string): El {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    ignoreDeclaration: true,
    trimValues: true,
  });
  const nodes = parser.parse(xml) as unknown[];
  const top = build(nodes, null).filter((e) => e.name !== "");
  if (top.length !== 1) throw new Error(`expected one root element, found ${top.length}`);
  return top[0];
}

function build(nodes: unknown[], parent: El | null): El[] {
  const out: El[] = [];
  for (const node of nodes) {
    const record = node as Record<string, unknown>;
    const name = Object.keys(record).find((k) => k !== ":@");
    if (!name || name === "#text" || name.startsWith("#") || name.startsWith("?")) continue;
    const attrs = Object.fromEntries(Object.entries((record[":@"] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const el: El = { name, local: name.replace(/^.*:/, ""), attrs, children: [], text: "", parent };
    const kids = (record[name] ?? []) as unknown[];
    el.text = kids
      .map((k) => (k as Record<string, unknown>)["#text"])
      .filter((t) => t !== undefined)
      .join("");
    el.children = build(kids, el);
    out.push(el);
  }
  return out;
}

function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}
const all = (rootEl: El, local: string) => [...walk(rootEl)].filter((e) => e.local === local);
const child = (el: El, local: string) => el.children.filter((c) => c.local === local);
function only<T>(els: T[], what: string): T {
  if (els.length !== 1) throw new Error(`expected exactly one ${what}, found ${els.length}`);
  return els[0];
}
/** The single descendant reached by a path of local names, e.g. path(root, "VersionOverrides", "Hosts"). */
function at(el: El, ...names: string[]): El {
  return names.reduce((cur, n) => only(child(cur, n), `<${n}> under <${cur.name}>`), el);
}
const overrides = (el: El) => child(el, "Override");

// ---------------------------------------------------------------------------------------------------
// Resources and their references.

type Kind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const KIND_OF_REFERENCE: Record<string, Kind> = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};
const MAX_ID = 32;

interface Resource {
  id: string;
  kind: Kind;
  el: El;
}

function resources(rootEl: El): Resource[] {
  const out: Resource[] = [];
  for (const res of all(rootEl, "Resources")) {
    for (const group of res.children) {
      for (const item of group.children) out.push({ id: item.attrs.id ?? "", kind: group.local as Kind, el: item });
    }
  }
  return out;
}

function resource(rootEl: El, id: string): Resource {
  return only(
    resources(rootEl).filter((r) => r.id === id),
    `resource ${id}`,
  );
}

/** Every problem with resource ids and resid references, as readable sentences (none = fine). */
function residProblems(rootEl: El): string[] {
  const problems: string[] = [];
  const defs = resources(rootEl);
  const count = new Map<string, number>();
  for (const d of defs) {
    count.set(d.id, (count.get(d.id) ?? 0) + 1);
    if (!d.id) problems.push(`a <${d.el.name}> in ${d.kind} has no id`);
    if (d.id.length > MAX_ID) problems.push(`resource id ${d.id} is ${d.id.length} characters (max ${MAX_ID})`);
    if (!["Images", "Urls", "ShortStrings", "LongStrings"].includes(d.kind)) problems.push(`unknown resource group ${d.kind}`);
  }
  for (const [id, n] of count) if (n > 1) problems.push(`resource id ${id} is defined ${n} times`);

  const used = new Set<string>();
  for (const ref of [...walk(rootEl)].filter((e) => e.attrs.resid !== undefined)) {
    const id = ref.attrs.resid;
    used.add(id);
    if (id.length > MAX_ID) problems.push(`resid ${id} on <${ref.name}> is ${id.length} characters (max ${MAX_ID})`);
    const targets = defs.filter((d) => d.id === id);
    if (targets.length === 0) {
      problems.push(`resid ${id} on <${ref.name}> is not defined in Resources`);
      continue;
    }
    const want = KIND_OF_REFERENCE[ref.local];
    if (!want) problems.push(`<${ref.name} resid="${id}"> is not an element this test knows`);
    else if (targets.some((t) => t.kind !== want)) problems.push(`resid ${id} on <${ref.name}> must be in ${want}, not ${targets[0].kind}`);
  }
  for (const d of defs) if (d.id && !used.has(d.id)) problems.push(`resource ${d.id} is defined but never used`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Localization.

const LOCALE = "zh-CN";
const HAN = /\p{Script=Han}/u;
const MAX_LENGTH: Partial<Record<Kind, number>> = { ShortStrings: 125, LongStrings: 250 };
/** The formula prefix (=AR.GRADE) is the same in every language: it has no translation. */
const UNTRANSLATED = new Set(["Functions.Namespace"]);

function localeProblems(rootEl: El): string[] {
  const problems: string[] = [];
  for (const o of all(rootEl, "Override")) {
    if (o.attrs.Locale !== LOCALE) problems.push(`<${o.name}> under <${o.parent?.name}> has Locale "${o.attrs.Locale}", not ${LOCALE}`);
    if (!o.attrs.Value?.trim()) problems.push(`<${o.name}> under <${o.parent?.name}> has no Value`);
  }
  // Top-level text shown in the store, the add-in dialog and the ribbon tooltip.
  for (const name of ["DisplayName", "Description"]) {
    const el = at(rootEl, name);
    const zh = overrides(el).filter((o) => o.attrs.Locale === LOCALE);
    if (zh.length !== 1) problems.push(`<${name}> has ${zh.length} ${LOCALE} overrides (want 1)`);
    else if (!HAN.test(zh[0].attrs.Value ?? "")) problems.push(`<${name}> ${LOCALE} value is not Chinese: ${zh[0].attrs.Value}`);
  }
  for (const r of resources(rootEl)) {
    const max = MAX_LENGTH[r.kind];
    const values = [r.el.attrs.DefaultValue ?? "", ...overrides(r.el).map((o) => o.attrs.Value ?? "")];
    if (max !== undefined) {
      for (const v of values) if (v.length > max) problems.push(`${r.kind} ${r.id} has a value of ${v.length} characters (max ${max})`);
    }
    if (r.kind !== "ShortStrings" && r.kind !== "LongStrings") continue;
    const zh = overrides(r.el).filter((o) => o.attrs.Locale === LOCALE);
    if (UNTRANSLATED.has(r.id)) {
      if (overrides(r.el).length > 0) problems.push(`${r.id} must not be translated`);
      continue;
    }
    if (zh.length !== 1) problems.push(`string ${r.id} has ${zh.length} ${LOCALE} overrides (want 1)`);
    else if (!HAN.test(zh[0].attrs.Value ?? "")) problems.push(`string ${r.id} ${LOCALE} value is not Chinese: ${zh[0].attrs.Value}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------

/** Every URL the manifest mentions (DefaultValue / Value attributes and <AppDomain> text). */
function urls(rootEl: El): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  for (const el of walk(rootEl)) {
    for (const attr of ["DefaultValue", "Value"]) {
      const v = el.attrs[attr];
      if (v && /^[a-z]+:\/\//i.test(v)) out.push({ where: `<${el.name}${el.attrs.id ? ` id="${el.attrs.id}"` : ""}>`, url: v });
    }
    if (el.local === "AppDomain") out.push({ where: "<AppDomain>", url: el.text });
  }
  return out;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 24 || !b.subarray(0, 8).equals(signature) || b.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const urlOf = (rootEl: El, id: string) => {
  const r = resource(rootEl, id);
  expect(r.kind).toBe("Urls");
  return r.el.attrs.DefaultValue;
};
const stringOf = (rootEl: El, id: string) => resource(rootEl, id).el.attrs.DefaultValue;
const zhOf = (el: El) => overrides(el).find((o) => o.attrs.Locale === LOCALE)?.attrs.Value;

const doc = parse(manifestXml);

describe("manifest.xml", () => {
  it("is well-formed XML with an OfficeApp task pane root", () => {
    expect(XMLValidator.validate(manifestXml)).toBe(true);
    expect(doc.name).toBe("OfficeApp");
    expect(doc.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(doc.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(doc.attrs["xmlns:bt"]).toBe("http://schemas.microsoft.com/office/officeappbasictypes/1.0");
  });

  it("is a new Excel add-in: own GUID, en-US default, Workbook only, ReadWriteDocument", () => {
    const id = at(doc, "Id").text;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    // The Yeoman templates' ids: a copied Id collides with every other add-in that kept it.
    expect(["05c2e1c9-3e1d-406e-9a91-e9ac64854143", "ca968be6-628b-4f14-ba3c-3e614effa9bd"]).not.toContain(id.toLowerCase());
    // the command line finds the policy the pane stored in a workbook under this id
    expect(id.toLowerCase()).toBe(ADDIN_ID);
    expect(at(doc, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(at(doc, "ProviderName").text.trim()).not.toBe("");
    expect(at(doc, "DefaultLocale").text).toBe("en-US");
    expect(child(at(doc, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(at(doc, "Permissions").text).toBe("ReadWriteDocument");
    expect(at(doc, "DisplayName").attrs.DefaultValue).toBe("AR Recovery");
    expect(zhOf(at(doc, "DisplayName"))).toBe("坏账回收助手");
  });

  it("keeps the base elements in the schema's order", () => {
    const order = [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ];
    const names = doc.children.map((c) => c.local);
    expect(names.filter((n) => !order.includes(n))).toEqual([]);
    const positions = names.map((n) => order.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("requires the shared runtime (SharedRuntime 1.1)", () => {
    const sets = child(at(doc, "Requirements", "Sets"), "Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(sets).toContain("SharedRuntime 1.1");
  });

  it("has one VersionOverrides 1.0 (1.1 is not usable for task pane add-ins)", () => {
    const vo = all(doc, "VersionOverrides");
    expect(vo).toHaveLength(1);
    expect(vo[0].attrs["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(vo[0].attrs.xmlns).toBe("http://schemas.microsoft.com/office/taskpaneappversionoverrides");
    expect(child(at(doc, "VersionOverrides", "Hosts"), "Host").map((h) => h.attrs["xsi:type"])).toEqual(["Workbook"]);
  });

  it("runs the functions, the ribbon and the task pane in one long-lived runtime", () => {
    const host = at(doc, "VersionOverrides", "Hosts", "Host");
    expect(host.children.map((c) => c.local)).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtime = only(child(at(host, "Runtimes"), "Runtime"), "Runtime");
    expect(runtime.attrs.lifetime).toBe("long");
    const shared = runtime.attrs.resid;
    expect(shared).toBe("Taskpane.Url");
    expect(shared.length).toBeLessThanOrEqual(MAX_ID);
    // The shared runtime loads only if every part names the same resource.
    const cf = at(host, "AllFormFactors", "ExtensionPoint");
    expect(at(cf, "Page", "SourceLocation").attrs.resid).toBe(shared);
    const desktop = at(host, "DesktopFormFactor");
    expect(at(desktop, "FunctionFile").attrs.resid).toBe(shared);
    const action = only(all(desktop, "Action"), "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(at(action, "SourceLocation").attrs.resid).toBe(shared);
    expect(at(action, "TaskpaneId").text.trim()).not.toBe("");
    expect(urlOf(doc, shared)).toBe(`${devBase}taskpane.html`);
    expect(at(doc, "DefaultSettings", "SourceLocation").attrs.DefaultValue).toBe(`${devBase}taskpane.html`);
  });

  it("declares the custom functions: script, metadata (zh-CN override), namespace AR", () => {
    const cf = at(doc, "VersionOverrides", "Hosts", "Host", "AllFormFactors", "ExtensionPoint");
    expect(cf.attrs["xsi:type"]).toBe("CustomFunctions");
    expect(cf.children.map((c) => c.local)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    expect(urlOf(doc, at(cf, "Script", "SourceLocation").attrs.resid)).toBe(`${devBase}functions.js`);
    const metadataId = at(cf, "Metadata", "SourceLocation").attrs.resid;
    const metadata = resource(doc, metadataId).el;
    expect(metadata.attrs.DefaultValue).toBe(`${devBase}functions.json`);
    expect(overrides(metadata).map((o) => [o.attrs.Locale, o.attrs.Value])).toEqual([[LOCALE, `${devBase}functions.zh-CN.json`]]);

    const nsId = at(cf, "Namespace").attrs.resid;
    expect(nsId.length).toBeLessThanOrEqual(MAX_ID);
    expect(resource(doc, nsId).kind).toBe("ShortStrings");
    const ns = stringOf(doc, nsId);
    expect(ns).toBe("AR");
    expect(ns.length).toBeLessThanOrEqual(32);
    expect(overrides(resource(doc, nsId).el)).toHaveLength(0);
  });

  it("puts a button that opens the task pane in its own group on the Home tab", () => {
    const surface = at(doc, "VersionOverrides", "Hosts", "Host", "DesktopFormFactor", "ExtensionPoint");
    expect(surface.attrs["xsi:type"]).toBe("PrimaryCommandSurface");
    const tab = at(surface, "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const group = at(tab, "Group");
    const control = at(group, "Control");
    expect(control.attrs["xsi:type"]).toBe("Button");
    for (const el of [group, control]) {
      expect(el.attrs.id.length).toBeGreaterThan(0);
      expect(el.attrs.id.length).toBeLessThanOrEqual(125);
      // Office needs the 16, 32 and 80 px sizes of every command icon.
      expect(child(at(el, "Icon"), "Image").map((i) => i.attrs.size)).toEqual(["16", "32", "80"]);
    }
    expect(stringOf(doc, at(group, "Label").attrs.resid)).toBe("AR Recovery");
    expect(zhOf(resource(doc, at(group, "Label").attrs.resid).el)).toBe("坏账回收");
  });

  it("defines every referenced resid exactly once, of the right kind, and nothing unused", () => {
    expect(residProblems(doc)).toEqual([]);
    expect(resources(doc).length).toBeGreaterThanOrEqual(10);
  });

  it("(the resid check does catch mistakes)", () => {
    const broken = (from: string, to: string) => {
      expect(manifestXml).toContain(from);
      return residProblems(parse(manifestXml.replace(from, to)));
    };
    expect(broken('<Label resid="Group.Label"/>', '<Label resid="Group.Labl"/>')).toEqual([
      "resid Group.Labl on <Label> is not defined in Resources",
      "resource Group.Label is defined but never used",
    ]);
    expect(broken("<bt:ShortStrings>", '<bt:ShortStrings><bt:String id="Group.Label" DefaultValue="x"/>')).toEqual([
      "resource id Group.Label is defined 2 times",
    ]);
    expect(broken('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="GetStarted.Description"/>')).toEqual([
      "resid GetStarted.Description on <Namespace> must be in ShortStrings, not LongStrings",
      "resource Functions.Namespace is defined but never used",
    ]);
    const long = "Taskpane.Url.With.A.Very.Long.Name";
    expect(residProblems(parse(manifestXml.replaceAll('"Taskpane.Url"', `"${long}"`)))).toContain(
      `resource id ${long} is ${long.length} characters (max 32)`,
    );
  });

  it("has a zh-CN override (and only zh-CN) for every user-visible string", () => {
    expect(localeProblems(doc)).toEqual([]);
    const strings = resources(doc).filter((r) => r.kind === "ShortStrings" || r.kind === "LongStrings");
    expect(strings.filter((r) => zhOf(r.el) !== undefined).length).toBe(strings.length - UNTRANSLATED.size);
  });

  it("(the localization check does catch mistakes)", () => {
    const tw = manifestXml.replace('<bt:Override Locale="zh-CN" Value="坏账回收"/>', '<bt:Override Locale="zh-TW" Value="壞賬回收"/>');
    expect(tw).not.toBe(manifestXml);
    expect(localeProblems(parse(tw))).toEqual([
      '<bt:Override> under <bt:String> has Locale "zh-TW", not zh-CN',
      "string Group.Label has 0 zh-CN overrides (want 1)",
    ]);
    const untranslated = manifestXml.replace('<Override Locale="zh-CN" Value="坏账回收助手"/>', "");
    expect(localeProblems(parse(untranslated))).toEqual(["<DisplayName> has 0 zh-CN overrides (want 1)"]);
  });

  it("uses https URLs on the dev server only (so AR_ADDIN_URL rewrites all of them)", () => {
    const list = urls(doc);
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const { where, url } of list) {
      expect(url, where).toMatch(/^https:\/\//);
      expect(url.length, where).toBeLessThanOrEqual(2048);
      expect(url.startsWith(devBase), `${where} ${url}`).toBe(true);
    }
    expect(at(doc, "IconUrl").attrs.DefaultValue).toBe(`${devBase}assets/icon-32.png`);
    expect(at(doc, "HighResolutionIconUrl").attrs.DefaultValue).toBe(`${devBase}assets/icon-64.png`);
  });

  it("is accepted by `office-addin-manifest info` (offline)", () => {
    const cli = path.join(root, "node_modules", "office-addin-manifest", "cli.js");
    // office-addin-manifest 3 no longer sends usage data; nothing to switch off.
    const run = spawnSync(process.execPath, [cli, "info", manifestPath], { cwd: root, encoding: "utf8", timeout: 15_000 });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Id: ${at(doc, "Id").text}`);
    expect(run.stdout).toContain("Type: TaskPaneApp");
    expect(run.stdout).toContain("Permissions: ReadWriteDocument");
  });
});

describe("manifest.xml against the build (dist/)", () => {
  /** The file under dist/ that the dev server serves at `url`; fails every test here if there is no build. */
  const distFile = (url: string) => {
    if (!existsSync(distDir) || !statSync(distDir).isDirectory()) {
      throw new Error(`dist/ is missing (${distDir}): run \`npm run build\` before vitest (\`npm test\` does).`);
    }
    return path.join(distDir, ...decodeURIComponent(new URL(url).pathname).split("/").filter(Boolean));
  };

  it("points every dev-server URL at a file the build produced", () => {
    const missing = urls(doc)
      .filter(({ url }) => url.startsWith(devBase))
      .filter(({ url }) => !existsSync(distFile(url)) || !statSync(distFile(url)).isFile())
      .map(({ where, url }) => `${where} ${url}`);
    expect(missing).toEqual([]);
    expect(existsSync(distFile(`${devBase}manifest.xml`))).toBe(true);
  });

  it("names icons whose pixel size matches where they are used", () => {
    const check = (url: string, px: number) => expect(pngSize(distFile(url)), url).toEqual({ width: px, height: px });
    check(at(doc, "IconUrl").attrs.DefaultValue, 32);
    check(at(doc, "HighResolutionIconUrl").attrs.DefaultValue, 64);
    for (const img of all(doc, "Image").filter((i) => i.attrs.resid)) {
      const r = resource(doc, img.attrs.resid);
      expect(r.kind).toBe("Images");
      check(r.el.attrs.DefaultValue, Number(img.attrs.size));
    }
  });

  it("points at English and zh-CN metadata for the same function ids", () => {
    const metadata = resource(doc, "Functions.Metadata.Url").el;
    type Meta = { functions: { id: string; name: string; description?: string }[] };
    const en = JSON.parse(readFileSync(distFile(metadata.attrs.DefaultValue), "utf8")) as Meta;
    const zh = JSON.parse(readFileSync(distFile(zhOf(metadata) ?? ""), "utf8")) as Meta;
    expect(en.functions.length).toBeGreaterThan(0);
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    expect(zh.functions.some((f) => HAN.test(f.description ?? ""))).toBe(true);
  });
});
