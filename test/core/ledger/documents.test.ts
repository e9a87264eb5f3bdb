import { describe, expect, it } from "vitest";
import { documentKind, isGeneralDocument, signedAmount } from "../../../src/core/index.js";

describe("documentKind: the type column of an ERP export", () => {
  it.each([
    // English ERPs (QuickBooks A/R Aging Detail, Xero, NetSuite)
    ["Invoice", "invoice"],
    ["INV", "invoice"],
    ["inv.", "invoice"],
    ["Tax Invoice", "invoice"],
    ["Debit Memo", "invoice"],
    ["Credit Memo", "credit"],
    ["credit-memo", "credit"],
    ["Credit Note", "credit"],
    ["CN", "credit"],
    ["Payment", "payment"],
    ["Receipt", "payment"],
    ["Cash Receipt", "payment"],
    // SAP document types (OBA7): RV billing document transfer and DR customer invoice, DG credit memo, DZ payment
    ["RV", "invoice"],
    ["DR", "invoice"],
    ["dg", "credit"],
    ["DZ", "payment"],
    ["DR - Customer invoice", "invoice"],
    ["DZ: Customer payment", "payment"],
    // Chinese ERPs (Kingdee, Yonyou), full-width forms folded
    ["销售发票", "invoice"],
    ["发票", "invoice"],
    ["应收单", "invoice"],
    ["其他应收单", "invoice"],
    ["增值税专用发票", "invoice"],
    ["贷项", "credit"],
    ["红字发票", "credit"],
    ["退货", "credit"],
    ["收款单", "payment"],
    ["预收款", "payment"],
    [" ＩＮＶＯＩＣＥ ", "invoice"],
  ])("%j is %s", (text, kind) => {
    expect(documentKind(text)).toBe(kind);
  });

  it("gives null for an unknown type or no text (the caller reports the row)", () => {
    expect(documentKind("Estimate")).toBeNull();
    expect(documentKind("XX - something")).toBeNull();
    expect(documentKind("")).toBeNull();
    expect(documentKind(null)).toBeNull();
    expect(documentKind(42)).toBeNull();
  });

  it("decides a general document (SAP AB, DA, Journal Entry, 核销) by the sign of its amount", () => {
    for (const text of ["AB", "DA", "Journal Entry", "核销", "调整"]) {
      expect(isGeneralDocument(text)).toBe(true);
      expect(documentKind(text)).toBeNull(); // no amount: cannot tell
      expect(documentKind(text, 0)).toBeNull();
      expect(documentKind(text, 120.5)).toBe("invoice"); // a charge to the customer
      expect(documentKind(text, -120.5)).toBe("credit"); // a clearing or adjustment in the customer's favour
    }
    expect(isGeneralDocument("Invoice")).toBe(false);
    // The sign does not override a type that tells.
    expect(documentKind("Credit Memo", 500)).toBe("credit");
  });

  it("signs amounts as the roll-up expects: credit notes and payments negative", () => {
    expect(signedAmount("invoice", 1000)).toBe(1000);
    expect(signedAmount("invoice", -1000)).toBe(-1000); // a reversal stays negative
    expect(signedAmount("credit", 150.15)).toBe(-150.15);
    expect(signedAmount("payment", -200)).toBe(-200);
    expect(Object.is(signedAmount("payment", 0), 0)).toBe(true);
  });
});
