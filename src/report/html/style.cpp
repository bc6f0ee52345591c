// The HTML report's stylesheet: system fonts with CJK fallbacks (no web fonts, works offline),
// one blue accent, quiet tables with tabular figures, and print rules.
#include "internal.hpp"

namespace csikit::inline v0::html_detail {

std::string_view stylesheet() {
    return R"css(
:root { --ink:#1b2a3a; --muted:#5b6776; --line:#e3e7ee; --accent:#1f4e79; --bar:#3b6ea8; --bg:#f4f6f9;
        --pass:#1e7b34; --pass-bg:#e6f4ea; --warn:#8a5a00; --warn-bg:#fff4d6; --fail:#b3261e; --fail-bg:#fdecea; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; background:var(--bg); color:var(--ink); line-height:1.5; font-size:14px;
       font-family: "Inter", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
                    "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
body.zh { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
                       "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
header.top { background:var(--accent); color:#fff; padding:28px 0 22px; }
header.top .wrap, main.wrap, footer .wrap { max-width:1120px; margin:0 auto; padding:0 28px; }
header.top h1 { margin:0 0 4px; font-size:26px; font-weight:650; letter-spacing:-0.01em; }
header.top .sub { opacity:.82; font-size:13.5px; }
nav.toc { margin-top:14px; display:flex; flex-wrap:wrap; gap:6px 8px; }
nav.toc a { color:#fff; text-decoration:none; font-size:12.5px; padding:3px 10px; border:1px solid rgba(255,255,255,.35);
            border-radius:999px; }
main.wrap { padding-top:22px; padding-bottom:10px; }
.kpis { display:grid; grid-template-columns:repeat(auto-fit, minmax(200px, 1fr)); gap:14px; margin-bottom:18px; }
.kpi { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 18px; border-top:4px solid var(--bar); }
.kpi-title { color:var(--muted); font-size:12.5px; text-transform:uppercase; letter-spacing:.04em; }
.kpi-value { font-size:30px; font-weight:650; font-variant-numeric:tabular-nums; margin:2px 0; }
.kpi-sub { color:var(--muted); font-size:12.5px; font-variant-numeric:tabular-nums; }
section.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:20px 24px 18px; margin-bottom:18px; }
section.card h2 { margin:0 0 12px; font-size:19px; font-weight:650; color:var(--accent); padding-bottom:8px;
                  border-bottom:1px solid var(--line); }
section.card h3 { margin:20px 0 8px; font-size:15px; font-weight:650; }
p.lead { margin:0 0 12px; color:var(--muted); }
.hint { color:var(--muted); font-size:12.5px; margin:6px 0; }
figure.chart { margin:6px 0 14px; overflow-x:auto; }
figure.chart svg { display:block; max-width:100%; height:auto; }
figure.chart figcaption { color:var(--muted); font-size:12.5px; margin-top:4px; }
svg text { font-family:inherit; fill:var(--ink); }
svg .tick { font-size:10.5px; fill:var(--muted); }
svg .lbl { font-size:12.5px; }
svg .strong { font-weight:650; }
svg .row.muted .lbl { fill:var(--muted); font-size:11.5px; }
svg .val { font-size:12.5px; font-weight:600; font-variant-numeric:tabular-nums; }
svg .val.up { fill:var(--pass); } svg .val.down { fill:var(--fail); }
svg .ci { font-size:11px; fill:var(--muted); font-variant-numeric:tabular-nums; }
svg .seg { font-size:10px; fill:#1b2a3a; }
svg .coef { font-size:11.5px; font-weight:600; font-variant-numeric:tabular-nums; }
svg .node-id { font-size:13px; font-weight:700; }
svg .node-label { font-size:11.5px; }
svg .node-r2 { font-size:11px; }
svg .node.endo text { fill:#fff; }
svg .node.exo text, svg .node.loc text { fill:var(--ink); }
svg .quad-label { font-size:12px; font-weight:650; }
svg .pt-label { font-size:11.5px; font-weight:600; }
svg .axis { font-size:12px; fill:var(--muted); }
svg.mini, svg.stack { display:inline-block; vertical-align:middle; }
table { border-collapse:collapse; width:100%; margin:4px 0 10px; font-variant-numeric:tabular-nums; }
table.data th, table.data td { padding:5px 9px; border-bottom:1px solid var(--line); text-align:left; vertical-align:middle; }
table.data thead th { font-size:12px; color:var(--muted); font-weight:600; border-bottom:2px solid #cfd6df; white-space:nowrap; }
table.data tbody tr:nth-child(even) { background:#fafbfc; }
table.data tbody tr:hover { background:#f1f5fb; }
.num { text-align:right !important; white-space:nowrap; }
td.bar, td.dist { white-space:nowrap; }
td.bar b { display:inline-block; min-width:34px; text-align:right; }
tr.depth0 td { font-weight:650; }
tr.depth2 td:first-child { padding-left:26px; } tr.depth3 td:first-child { padding-left:40px; }
table.kv th { text-align:left; color:var(--muted); font-weight:600; padding:6px 16px 6px 0; width:210px; vertical-align:top;
              border-bottom:1px solid var(--line); }
table.kv td { padding:6px 0; border-bottom:1px solid var(--line); }
table.matrix td, table.matrix th { text-align:center !important; }
.id { font-family:ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size:12px; color:var(--muted); }
.chip { display:inline-block; padding:1px 9px; margin:2px 6px 2px 0; background:#eef2f7; border-radius:999px; font-size:12.5px; }
.badge { display:inline-block; padding:0 7px; border-radius:5px; font-size:12.5px; font-variant-numeric:tabular-nums; }
.badge.pass { background:var(--pass-bg); color:var(--pass); }
.badge.warn { background:var(--warn-bg); color:var(--warn); }
.badge.fail { background:var(--fail-bg); color:var(--fail); font-weight:600; }
.mark { margin-left:4px; font-size:11.5px; font-weight:700; }
.mark.up { color:var(--pass); } .mark.down { color:var(--fail); }
td.stars { color:var(--accent); font-weight:700; }
.legend { display:flex; flex-wrap:wrap; align-items:center; gap:4px 14px; margin:4px 0 8px; font-size:12.5px; color:var(--muted); }
.legend-title { font-weight:600; }
.legend .key i { display:inline-block; width:12px; height:12px; border-radius:2px; margin-right:5px; vertical-align:-1px; }
.legend .key i.dot { border-radius:50%; }
.nps p { margin:6px 0; }
.ipa-row { display:grid; grid-template-columns:minmax(0, 680px) minmax(240px, 1fr); gap:18px; align-items:start; }
.ipa-row figure.chart { margin:0; }
.quadrants { display:grid; grid-template-columns:1fr; gap:10px; margin:0 0 10px; }
@media (max-width: 980px) { .ipa-row { grid-template-columns:1fr; } }
.quadrant { border:1px solid var(--line); border-top:4px solid; border-radius:8px; padding:8px 14px; }
.quadrant h4 { margin:0 0 4px; font-size:14px; }
.quadrant ul { margin:0; padding-left:18px; } .quadrant li { margin:2px 0; }
.warnings { background:var(--warn-bg); border-radius:8px; padding:8px 14px; margin:8px 0; }
details { margin:8px 0; } details summary { cursor:pointer; color:var(--accent); font-weight:600; }
footer { color:var(--muted); font-size:12px; padding:4px 0 28px; }
.findings ul { margin:4px 0; padding-left:20px; } .findings li { margin:4px 0; line-height:1.45; }
.badge.reversed { background:#eef1f6; color:var(--muted); font-weight:500; margin-left:4px; }
@media print {
  @page { size:A4; margin:14mm 12mm; }
  body { background:#fff; font-size:10.5pt; -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  header.top { background:#fff; color:var(--ink); padding:0 0 8px; }
  nav.toc, details summary { display:none; }
  main.wrap, .wrap { max-width:none; padding:0; }
  section.card { box-shadow:none; border-color:#ccc; break-inside:auto; }
  section.card h2, h3 { break-after:avoid; }
  .kpi, figure, tr, .quadrant, .findings li { break-inside:avoid; }
  .kpis { grid-template-columns:repeat(4, 1fr); }
  .ipa-row { grid-template-columns:1fr; }
  svg { max-width:100%; height:auto; }
  table { font-size:9.5pt; }
  details > *:not(summary) { display:block; }
}
)css";
}

}  // namespace csikit::v0::html_detail
