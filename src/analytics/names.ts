/**
 * Customer names and region labels for generated ledgers, in Chinese or English: plausible company
 * names (city + brand + trade + legal form, or brand + trade + legal form), unique within a ledger.
 */
import type { Rng } from "./prng.js";

/** The language of generated names: Chinese, English, or half and half. */
export type NameLanguage = "en" | "zh" | "mixed";

/** Default regions, largest first. */
export const DEFAULT_REGIONS: Readonly<Record<"en" | "zh", readonly string[]>> = Object.freeze({
  en: Object.freeze(["East", "North", "South", "West", "Central"]),
  zh: Object.freeze(["华东", "华北", "华南", "西部", "华中"]),
});

const ZH_CITIES = [
  "上海",
  "北京",
  "广州",
  "深圳",
  "杭州",
  "南京",
  "苏州",
  "成都",
  "武汉",
  "西安",
  "天津",
  "重庆",
  "青岛",
  "宁波",
  "厦门",
  "长沙",
  "郑州",
  "合肥",
  "济南",
  "福州",
  "无锡",
  "佛山",
  "东莞",
  "昆明",
];
const ZH_BRANDS = [
  "恒达",
  "鑫源",
  "华盛",
  "永泰",
  "宏远",
  "金鼎",
  "瑞丰",
  "盛世",
  "中联",
  "天成",
  "嘉禾",
  "博远",
  "隆兴",
  "东方",
  "新启",
  "鼎盛",
  "汇通",
  "信诚",
  "荣昌",
  "德润",
  "海川",
  "安泰",
  "明辉",
  "正邦",
  "锦程",
  "万通",
  "光华",
  "同创",
];
const ZH_TRADES = [
  "机械",
  "贸易",
  "食品",
  "纺织",
  "电子",
  "物流",
  "建材",
  "化工",
  "家具",
  "服装",
  "医药",
  "汽配",
  "餐饮供应链",
  "商贸",
  "五金",
  "包装",
  "印刷",
  "电器",
];
const ZH_FORMS = ["有限公司", "有限公司", "有限公司", "股份有限公司", "实业有限公司", "科技有限公司"];

const EN_FIRST = [
  "North",
  "Golden",
  "Pacific",
  "Summit",
  "River",
  "Eastern",
  "Bright",
  "Star",
  "Harbor",
  "Silver",
  "Maple",
  "Crown",
  "Pioneer",
  "Atlas",
  "Blue",
  "Cedar",
  "Delta",
  "Evergreen",
  "Falcon",
  "Granite",
  "Highland",
  "Iron",
  "Lake",
  "Meridian",
];
const EN_SECOND = ["field", "stone", "bridge", "wood", "gate", "view", "point", "line", "crest", "way", "brook", "ridge", ""];
const EN_TRADES = [
  "Machinery",
  "Trading",
  "Foods",
  "Textiles",
  "Electronics",
  "Logistics",
  "Building Materials",
  "Chemicals",
  "Furniture",
  "Apparel",
  "Pharma",
  "Auto Parts",
  "Packaging",
  "Hardware",
  "Printing",
  "Appliances",
];
const EN_FORMS = ["Co.", "Ltd", "Ltd", "Inc.", "Group", "LLC"];

/** One company name in a language (not yet unique). */
export function companyName(rng: Rng, language: "en" | "zh"): string {
  if (language === "zh") return `${rng.choice(ZH_CITIES)}${rng.choice(ZH_BRANDS)}${rng.choice(ZH_TRADES)}${rng.choice(ZH_FORMS)}`;
  return `${rng.choice(EN_FIRST)}${rng.choice(EN_SECOND)} ${rng.choice(EN_TRADES)} ${rng.choice(EN_FORMS)}`;
}

/**
 * Unique company names: `count` names in the language (for `mixed`, each name's language is drawn),
 * a repeated name gets a number (`Atlasway Foods Ltd 2`, `上海恒达机械有限公司2`).
 */
export function companyNames(rng: Rng, count: number, language: NameLanguage): string[] {
  const seen = new Map<string, number>();
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const lang = language === "mixed" ? (rng.chance(0.5) ? "zh" : "en") : language;
    const base = companyName(rng, lang);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out[i] = n === 1 ? base : lang === "zh" ? `${base}${n}` : `${base} ${n}`;
  }
  return out;
}
