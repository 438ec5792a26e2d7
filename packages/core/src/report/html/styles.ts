/** The page's only stylesheet: system fonts, light and dark colour schemes, print without controls. */
export const STYLES = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--alt:#f6f8fa;--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--inc:#0969da;--s0:#0969da;--s1:#d4510b;--s2:#1a7f37;--s3:#8250df;--s4:#bf3989;--s5:#6e7781;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--alt:#161b22;--pass:#3fb950;--warn:#d29922;--fail:#f85149;--inc:#4493f8;--s0:#4493f8;--s1:#f0883e}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif;background:var(--bg);color:var(--fg)}
header.top,main{padding:0 24px}
main{padding-bottom:48px}
nav{position:sticky;top:0;z-index:3;background:var(--bg);border-bottom:1px solid var(--line);padding:6px 24px}
nav a{margin-right:18px;color:var(--inc);text-decoration:none}
nav a:hover{text-decoration:underline}
h1{font-size:22px;margin:18px 0 6px}
section{scroll-margin-top:36px}
h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:22px 0 8px}
.title{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 20px}
.overall{font-size:15px}
.counts{margin:6px 0}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 26px;margin:8px 0}
dl.facts div{display:flex;gap:6px}
dt{color:var(--muted)}
dd{margin:0}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.m{color:var(--muted);font-size:12.5px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.b{display:inline-block;padding:0 7px;border:1px solid currentColor;border-radius:10px;font-size:12px;font-weight:600;line-height:18px;white-space:nowrap;background:color-mix(in srgb,currentColor 10%,transparent)}
.b::before{content:"? ";content:"? "/""}
.b.pass::before{content:"✓ ";content:"✓ "/""}.b.warn::before{content:"! ";content:"! "/""}.b.fail::before{content:"✗ ";content:"✗ "/""}
.b.pass,.fs.pass{color:var(--pass)}.b.warn,.fs.warn{color:var(--warn)}.b.fail,.fs.fail,.fail-t{color:var(--fail)}.b.inconclusive,.fs.inconclusive{color:var(--inc)}
.scroll{overflow:auto;max-height:85vh;width:fit-content;max-width:100%;border:1px solid var(--line);border-radius:6px}
.hscroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--alt);white-space:nowrap;font-weight:600}
.scroll thead th{position:sticky;top:0;z-index:1}
tbody th{font-weight:600;overflow-wrap:break-word;min-width:8em}
.n{text-align:right;white-space:nowrap}
td.e{text-align:right;min-width:9em}
tbody tr:hover>*{background:var(--alt)}
td.top>div{width:0;min-width:100%}
td.reason,table.verdicts td:nth-child(7){min-width:18em;max-width:40em}
.decide{margin-top:4px;font-size:12.5px;color:var(--inc)}
details summary{cursor:pointer;color:var(--inc);white-space:nowrap}
details ul{margin:4px 0;padding-left:18px}
details dl{margin:4px 0;display:grid;grid-template-columns:auto auto;gap:0 10px}
.filters fieldset{border:0;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.fs{font-weight:600;font-size:12.5px;cursor:pointer}
.filters input[type=search]{padding:4px 8px;min-width:260px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}
.filters output{color:var(--muted);font-size:12.5px}
td.tg{width:30px;padding-right:0}
button.tg{width:22px;height:22px;padding:0;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg);cursor:pointer;font-size:11px;line-height:1;transition:transform .1s}
button.tg::before{content:"▸";content:"▸"/""}
button.tg[aria-expanded=true]{transform:rotate(90deg)}
button.tg:focus-visible,input:focus-visible,summary:focus-visible{outline:2px solid var(--inc);outline-offset:1px}
tr.dr>td{background:var(--alt);padding:10px 16px}
.panel{width:0;min-width:100%}
tr.dr:hover>*{background:var(--alt)}
.plots{display:flex;flex-wrap:wrap;gap:18px}
figure.plot{margin:0}
figure.plot figcaption{font-size:12.5px;color:var(--muted);max-width:440px}
.plot{overflow:visible}
.plot text{font-size:10.5px;fill:var(--muted)}
.plot .grid{stroke:var(--line);stroke-width:.5}
.plot .axis{stroke:var(--muted);stroke-width:1}
.plot .s0 rect,.plot rect.s0,.plot .s0 circle{fill:var(--s0)}
.plot .s1 rect,.plot rect.s1,.plot .s1 circle{fill:var(--s1)}
.plot .ov rect{fill-opacity:.45}
.plot .ov.s0 rect{stroke:var(--s0)}.plot .ov.s1 rect{stroke:var(--s1)}
.plot .s0 polyline{stroke:var(--s0);fill:none;stroke-width:1.5}
.plot .s1 polyline{stroke:var(--s1);fill:none;stroke-width:1.5}
.plot polyline{fill:none;stroke-width:1.5;stroke:var(--s5)}
.plot .s2 polyline{stroke:var(--s2)}.plot .s3 polyline{stroke:var(--s3)}.plot .s4 polyline{stroke:var(--s4)}
.plot .s2 circle,.plot rect.s2{fill:var(--s2)}.plot .s3 circle,.plot rect.s3{fill:var(--s3)}.plot .s4 circle,.plot rect.s4{fill:var(--s4)}
.plot .diag{stroke:var(--muted);stroke-dasharray:4 3}
.plot .lg{font-size:11px;fill:var(--fg)}
dl.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:2px 18px;margin:10px 0 4px}
dl.stats div{display:flex;gap:6px}
ul.notes{margin:6px 0 0;padding-left:18px}
.spark{display:block;width:84px;height:18px}
.spark path{fill:var(--s0);opacity:.75}
.meter{vertical-align:middle;margin-left:8px}
.meter .track{fill:var(--line)}.meter .fill.fail{fill:var(--fail)}.meter .fill.pass{fill:var(--pass)}.meter .thr{stroke:var(--fg);stroke-width:2}
.corr{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.heat .lbl{fill:var(--fg)}
.heat rect{stroke:var(--bg);stroke-width:.5}
.legend text{font-size:11px;fill:var(--fg)}
table.pairs,table.parts,table.repr,table.leaks{margin:8px 0}
@media print{nav,.filters,button.tg{display:none}.scroll{max-height:none;overflow:visible;border:0}thead th{position:static}}
`;
