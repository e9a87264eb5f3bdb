/**
 * The collection log (issue 13): contacts, promises, payments and disputes, read from a table, and the
 * facts per customer they add up to.
 * - log: the log's columns, actions and rows (readCollectionLog)
 * - promises: promises to pay and instalment plans checked against payments (checkPromises, promiseStatus, checkPlan)
 * - facts: the facts per customer at an as-of date (collectionFacts, nextContactDue)
 * - formulas: the words and readers of AR.PROMISE and AR.NEXTCONTACT (followUpStatus, PROMISE_STATE_NAMES)
 */
export * from "./log.js";
export * from "./promises.js";
export * from "./facts.js";
export * from "./formulas.js";
