/**
 * Self-contained HTML reports of the data stage: one file per report, with inline CSS and inline SVG charts and no
 * scripts or external resources, so a report can be attached to a ticket, archived next to a run, or opened offline
 * years later and still look the same.
 *
 * <p>{@link dev.gyre.data.report.Html} is the only way markup is built: user strings (column names, category
 * values, file names) enter through {@link dev.gyre.data.report.Html#text}, which escapes them, so no report can
 * carry markup from the data. {@link dev.gyre.data.report.HtmlPage}, {@link dev.gyre.data.report.HtmlTable},
 * {@link dev.gyre.data.report.Sections} and the charts ({@link dev.gyre.data.report.HistogramChart}, {@link
 * dev.gyre.data.report.CategoryChart}) are the building blocks; {@link dev.gyre.data.report.ComparisonPage},
 * {@link dev.gyre.data.report.ProfilePage} and {@link dev.gyre.data.report.QualityPage} assemble them.
 */
package dev.gyre.data.report;
