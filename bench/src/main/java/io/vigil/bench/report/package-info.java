/**
 * What a bench run measured, as plain records: the results of each phase, the summary and its
 * one-line form, and the JSON report written with them.
 */
package io.vigil.bench.report;
