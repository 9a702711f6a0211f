#!/usr/bin/env python3
"""Draws the standard figures of a fedchain run folder, paired run folder or sweep folder, as PNG
and SVG files.

Usage: figures.py RUN_DIR [--out FIG_DIR]

RUN_DIR is what `fedchain` wrote with --out: a run's folder (rounds.csv, summary.csv and any
other trace), a paired run's (the same files holding a `scheme` column with both schemes, e.g.
`fedavg` and `bcfl`, and a ratio row `bcfl/fedavg` in summary.csv), or a sweep's (sweep.json,
sweep.csv, sweep-stats.csv). The kind is detected from the files. Figures go to FIG_DIR (default
RUN_DIR/figures/), each as NAME.png and NAME.svg. Times are simulated seconds.

A run's figures, each from the traces named:
  accuracy       test accuracy against simulated time and against rounds, one line per scheme
                 (rounds.csv); fault windows (faults.csv) shaded on the time axis.
  round-phases   each round's duration split along its critical path, through the update the
                 aggregator received last among those it counted (updates.csv): the model's
                 download to that client (transfers.csv; without it, download and compute are
                 one segment), its compute, its upload, the wait from its arrival to the start of
                 aggregation (block inclusion and confirmation on a chain, or the deadline), and
                 the aggregation (rounds.csv). The segments add up to the round. A round that
                 aggregated nothing is one hatched bar. Without updates.csv it draws rounds.csv's
                 phase columns instead, each the LONGEST any client spent in that phase: they
                 overlap across clients, so a bar may pass the round's duration (a tick marks
                 it); the title says which is drawn. Rounds far longer than most (a deadline)
                 are cut at the top and labelled with their length; rounds touched by a fault
                 window are shaded.
  traffic        bytes carried by each class of link, every hop counted (links.csv; without it,
                 summary.csv's link_bytes_* columns), and message payload bytes by kind, each
                 message once (transfers.csv, when present).
  blocks         chain height against the time each block was created, stale blocks (not
                 canonical) crossed out and heights with more than one block (forks) marked, and
                 the transactions of each block (blocks.csv); fault windows shaded.
  privacy        the largest cumulative ε of any client after each round, and accuracy against
                 it (rounds.csv's epsilon column; private runs only).
  update-fates   per round and scheme, how many sampled updates were aggregated, rejected, late,
                 lost, dropped, not sent or unfinished (updates.csv).
A sweep's figures (sweep-stats.csv; sweep.csv for the individual runs):
  sweep-METRIC   each summary metric that is not empty or zero everywhere against the swept
                 parameter, one line per scheme (the mean over seeds and runs) with its 95%
                 Student-t confidence band and a dot per run.
  sweep-overhead the ratio rows (e.g. bcfl/fedavg) of time and traffic against the parameter.
With several swept paths, the first that takes more than one value is the x axis and each
combination of the others gets its own line.

A figure the traces cannot support (no blocks.csv for a FedAvg-only run, no ε outside private
runs, …) is skipped with one line saying why. The same input gives byte-identical files.

Setup: python3 -m pip install -r analysis/requirements.txt (matplotlib, pandas, numpy).
Exit codes: 0 figures written, 64 usage, 65 a missing folder or a missing or malformed CSV (one
line names the file, the row or column, and what was expected), 69 matplotlib, pandas or numpy
missing, 73 the output folder cannot be written, 70 an internal error.
"""
import argparse
import os
import re
import sys

PROGRAM = "figures.py"


class BadInput(Exception):
    """A missing or malformed input: the message is the one line printed."""


class Usage(Exception):
    """A wrong command line: the message is the one line printed."""


class CannotWrite(Exception):
    """The output folder or a file in it cannot be written."""


# MARK: - Reading and checking the CSV files

# What a column must hold: free text, a finite number, or a finite number or nothing.
TEXT, NUMBER, OPTIONAL_NUMBER = "text", "number", "optional number"


def read_table(folder, name, columns, required=True, extra_numbers=(),
               holder="a fedchain run folder holds it"):
    """The CSV file `name` of `folder` as a DataFrame whose `columns` (name → kind) are checked
    and converted: numbers become float64 (NaN for an empty optional cell). `extra_numbers`
    names columns converted as optional numbers when present. None when the file is absent and
    not required; `holder` says where a missing one comes from. Raises BadInput naming the
    file, the row (its line number) or column, and what was expected."""
    import pandas as pd
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        if required:
            raise BadInput(f"{path}: missing; {holder}")
        return None
    try:
        # Everything is read as text first, so that each value is checked here, not guessed.
        table = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError:
        raise BadInput(f"{path}: empty; expected a header line and rows")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BadInput(f"{path}: not a CSV table ({first})")
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror})")
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise BadInput(f"{path}: no column {missing[0]!r}; expected the columns "
                       f"{', '.join(columns)} (is it fedchain's {name}?)")
    kinds = dict(columns)
    for column in extra_numbers:
        if column in table.columns and column not in kinds:
            kinds[column] = OPTIONAL_NUMBER
    for column, kind in kinds.items():
        if kind != TEXT:
            table[column] = numeric_column(path, table[column], column, kind)
    return table


def numeric_column(path, cells, column, kind):
    """`cells` (text) as float64, or BadInput naming the first offending row."""
    import numpy as np
    import pandas as pd
    empty = cells.str.strip() == ""
    values = pd.to_numeric(cells.where(~empty), errors="coerce").astype("float64")
    bad = (~empty & ~np.isfinite(values)) | (empty if kind == NUMBER else False)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        # Line 1 is the header, so the n-th row (from 0) is line n + 2.
        shown = cells.iloc[row]
        expected = "a number" if kind == NUMBER else "a number or nothing"
        raise BadInput(f"{path}:{row + 2}: column {column!r} holds {shown!r}; expected {expected}")
    return values


def scheme_order(*tables):
    """The schemes of the traces in order of first appearance (the vanilla twin first in a
    paired run), leaving out ratio rows such as `bcfl/fedavg`."""
    order = []
    for table in tables:
        if table is None:
            continue
        for scheme in table["scheme"]:
            if "/" not in scheme and scheme not in order:
                order.append(scheme)
    return order


# MARK: - Drawing helpers

# The critical path's segment from the last update's arrival to the start of aggregation.
WAITING = "waiting: block inclusion and confirmation, or the deadline"
PHASE_COLORS = {
    "download": "#4c72b0", "compute": "#dd8452", "download + compute": "#8c8c8c",
    "upload": "#55a868", "inclusion": "#c44e52", "confirmation": "#8172b3",
    WAITING: "#c44e52", "aggregation": "#937860",
}
# rounds.csv's phase columns (each NAME_ns), in the order a round goes through them.
ROUND_PHASES = ["download", "compute", "upload", "inclusion", "confirmation", "aggregation"]
# summary.csv's link_bytes_* columns, drawn when links.csv is absent.
LINK_BYTE_CLASSES = ["client_edge", "edge_cloud", "client_cloud", "cloud_validator",
                     "edge_validator", "p2p", "core", "other"]
FATE_ORDER = ["aggregated", "rejected", "late", "lost", "dropped", "not_sent", "unfinished"]
FATE_COLORS = {
    "aggregated": "#55a868", "rejected": "#c44e52", "late": "#dd8452", "lost": "#8172b3",
    "dropped": "#937860", "not_sent": "#8c8c8c", "unfinished": "#ccb974",
}
FAULT_COLORS = {
    "crash": "#d62728", "random-crash": "#d62728", "link-down": "#9467bd",
    "random-link-down": "#9467bd", "partition": "#8c564b", "straggler": "#bcbd22",
    "loss": "#17becf", "byzantine-validator": "#e377c2", "availability": "#7f7f7f",
}


def scheme_color(schemes, scheme):
    """A scheme keeps one colour in every figure of a run: its place among the run's schemes."""
    return f"C{schemes.index(scheme) % 10}" if scheme in schemes else "C9"


def save(plt, figure, out, name, written):
    """Writes FIG_DIR/NAME.png and NAME.svg without anything that changes between runs (dates,
    versions) and closes the figure."""
    for extension, metadata in (("png", {"Software": None}),
                                ("svg", {"Date": None, "Creator": None})):
        path = os.path.join(out, f"{name}.{extension}")
        try:
            figure.savefig(path, dpi=150, metadata=metadata)
        except OSError as error:
            plt.close(figure)
            raise CannotWrite(f"{path}: cannot be written ({error.strerror})")
    plt.close(figure)
    written.append(name)


def fault_windows(faults, end_seconds):
    """Each scheme's fault windows as {scheme: [(kind, target, start s, end s)]}, pairing each
    `injected` event with the next `recovered` event of the same fault and target; a fault never
    recovered lasts until `end_seconds` (the run's end)."""
    windows = {}
    if faults is None:
        return windows
    open_at = {}
    for row in faults.itertuples(index=False):
        key = (row.scheme, row.fault, row.target)
        seconds = row.time_ns / 1e9
        if row.event == "injected":
            open_at.setdefault(key, (row.kind, seconds))
        elif row.event == "recovered" and key in open_at:
            kind, start = open_at.pop(key)
            windows.setdefault(row.scheme, []).append((kind, row.target, start, seconds))
    for (scheme, _, target), (kind, start) in sorted(open_at.items(), key=str):
        windows.setdefault(scheme, []).append((kind, target, start, max(start, end_seconds)))
    return windows


def merged_by_kind(windows):
    """The windows' union per fault kind, as {kind: ([(start, end)], targets)}: random crashes
    of many clients become a few spans instead of a grey smear."""
    merged = {}
    for kind, target, start, end in sorted(windows, key=lambda w: (w[0], w[2], w[3], w[1])):
        spans, targets = merged.setdefault(kind, ([], []))
        if target not in targets:
            targets.append(target)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return merged


def fault_label(kind, targets):
    """A legend entry: the kind, and its target when there is one (shortened: a partition's
    target lists every node)."""
    if len(targets) > 1:
        return f"{kind} ({len(targets)} targets)"
    target = targets[0] if len(targets[0]) <= 28 else targets[0][:27] + "…"
    return f"{kind}: {target}"


def integer_ticks(axis):
    """Rounds and heights are whole numbers: no 2.5 on their axes."""
    from matplotlib.ticker import MaxNLocator
    axis.set_major_locator(MaxNLocator(integer=True))


def fault_labels(windows):
    """A legend entry per fault kind over all of a run's windows ({scheme: windows}), so that
    both panels of a pair name a kind alike."""
    every = [w for scheme in sorted(windows) for w in windows[scheme]]
    return {kind: fault_label(kind, targets)
            for kind, (_, targets) in merged_by_kind(every).items()}


def shade_time(axes, windows, labels):
    """Fault windows as shaded vertical spans on a time axis (seconds); one legend entry per
    kind."""
    for kind, (spans, _) in sorted(merged_by_kind(windows).items()):
        for index, (start, end) in enumerate(spans):
            axes.axvspan(start, end, color=FAULT_COLORS.get(kind, "#7f7f7f"), alpha=0.15,
                         linewidth=0, label=labels[kind] if index == 0 else None)


def shade_rounds(axes, windows, labels, rounds):
    """Fault windows on a round axis: the rounds whose [start, end] meets a window are shaded."""
    for kind, (spans, _) in sorted(merged_by_kind(windows).items()):
        hit = [int(row.round) for row in rounds.itertuples(index=False)
               if any(row.start_ns / 1e9 <= end and start <= row.end_ns / 1e9
                      for start, end in spans)]
        for index, (first, last) in enumerate(consecutive_runs(hit)):
            axes.axvspan(first - 0.5, last + 0.5, color=FAULT_COLORS.get(kind, "#7f7f7f"),
                         alpha=0.15, linewidth=0,
                         label=labels[kind] if index == 0 else None)


def consecutive_runs(numbers):
    """[1, 2, 3, 7, 8] → [(1, 3), (7, 8)]."""
    runs = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


# MARK: - A run's figures


def bottom_legend(figure, panels):
    """One legend under the panels for every entry any of them drew (first label wins), so
    that no legend hides a curve; lays the figure out around it."""
    handles = {}
    for axes in panels:
        for handle, label in zip(*axes.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    columns = min(len(handles), 4) or 1
    rows = -(-len(handles) // columns)
    figure.legend(handles.values(), handles.keys(), loc="lower center", fontsize=8,
                  ncol=columns, frameon=False)
    height = figure.get_size_inches()[1]
    figure.tight_layout(rect=(0, min(0.4, (0.1 + 0.2 * rows) / height), 1, 1))


def draw_accuracy(plt, run, out, written):
    """Accuracy against simulated time (fault windows shaded) and against rounds."""
    rounds = run["rounds"]
    if rounds.empty or rounds["accuracy"].isna().all():
        return "no accuracy in rounds.csv (the run trains no real model, or has no rounds)"
    figure, (by_time, by_round) = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    every_window = [w for windows in run["faults"].values() for w in windows]
    shade_time(by_time, every_window, fault_labels(run["faults"]))
    for scheme in run["schemes"]:
        mine = rounds[(rounds["scheme"] == scheme) & rounds["accuracy"].notna()]
        if mine.empty:
            continue
        color = scheme_color(run["schemes"], scheme)
        by_time.plot(mine["end_ns"] / 1e9, mine["accuracy"], marker=".", color=color,
                     label=scheme)
        by_round.plot(mine["round"], mine["accuracy"], marker=".", color=color, label=scheme)
    by_time.set_xlabel("simulated time (s), at the end of each round")
    by_time.set_ylabel("test accuracy")
    by_round.set_xlabel("round")
    integer_ticks(by_round.xaxis)
    by_time.set_xlim(left=0)
    for axes in (by_time, by_round):
        axes.grid(alpha=0.3)
    title = "Test accuracy"
    if every_window:
        title += " (shaded: fault windows, faults.csv)"
    figure.suptitle(title)
    bottom_legend(figure, [by_time])
    save(plt, figure, out, "accuracy", written)
    return None


def critical_path(run):
    """Each round's duration split along its critical path, as {scheme: [(round, {segment:
    seconds})]}, or None without updates.csv. The path runs through the update that reached the
    aggregator last among those it counted (aggregated or rejected): the round cannot aggregate
    before it is in. Raises BadInput when the traces contradict each other (a negative
    segment)."""
    updates, transfers, rounds = run["updates"], run["transfers"], run["rounds"]
    if updates is None:
        return None
    counted = updates[updates["fate"].isin(["aggregated", "rejected"])
                      & updates["arrived_ns"].notna() & updates["sent_ns"].notna()]
    models = None
    if transfers is not None:
        models = transfers[(transfers["kind"] == "model") & (transfers["lost"] == 0)]
    paths = {}
    for scheme in run["schemes"]:
        mine = rounds[rounds["scheme"] == scheme].sort_values("round", kind="stable")
        arrivals = counted[counted["scheme"] == scheme]
        bars = []
        for row in mine.itertuples(index=False):
            duration = row.end_ns - row.start_ns
            these = arrivals[arrivals["round"] == row.round]
            if these.empty:
                bars.append((int(row.round), {"no update aggregated": duration / 1e9}))
                continue
            last = these.sort_values("arrived_ns", kind="stable").iloc[-1]
            segments = {}
            arrival = None
            if models is not None:
                # The model that reached the client this round before it sent its update.
                theirs = models[(models["scheme"] == scheme) & (models["to"] == last["client"])
                                & (models["finish_ns"] >= row.start_ns)
                                & (models["finish_ns"] <= last["sent_ns"])]
                if not theirs.empty:
                    arrival = theirs["finish_ns"].max()
            if arrival is None:
                segments["download + compute"] = last["sent_ns"] - row.start_ns
            else:
                segments["download"] = arrival - row.start_ns
                segments["compute"] = last["sent_ns"] - arrival
            segments["upload"] = last["arrived_ns"] - last["sent_ns"]
            aggregation_start = row.end_ns - row.aggregation_ns
            segments[WAITING] = aggregation_start - last["arrived_ns"]
            segments["aggregation"] = row.aggregation_ns
            for segment, nanoseconds in segments.items():
                if nanoseconds < 0:
                    raise BadInput(
                        f"{run['folder']}: {scheme} round {int(row.round)}: its last counted "
                        f"update ({last['client']}) gives a negative {segment} time "
                        f"({nanoseconds:.0f} ns); rounds.csv, updates.csv and transfers.csv "
                        "must come from the same run")
            bars.append((int(row.round), {s: ns / 1e9 for s, ns in segments.items()}))
        paths[scheme] = bars
    return paths


def draw_round_phases(plt, run, out, written):
    """Time per round as stacked bars, one panel per scheme: the critical path when updates.csv
    is there, else rounds.csv's per-phase maxima, labelled as such."""
    rounds = run["rounds"]
    if rounds.empty:
        return "rounds.csv has no rounds"
    paths = critical_path(run)
    schemes = [s for s in run["schemes"] if (rounds["scheme"] == s).any()]
    figure, panels = plt.subplots(1, len(schemes), figsize=(5.5 * len(schemes), 4.4),
                                  sharey=True, squeeze=False)
    tops = []
    for axes, scheme in zip(panels[0], schemes):
        mine = rounds[rounds["scheme"] == scheme].sort_values("round", kind="stable")
        shade_rounds(axes, run["faults"].get(scheme, []), fault_labels(run["faults"]), mine)
        if paths is not None:
            bars = paths[scheme]
        else:
            bars = [(int(row.round), phase_maxima(row, mine.columns))
                    for row in mine.itertuples(index=False)]
            durations = (mine["end_ns"] - mine["start_ns"]) / 1e9
            axes.plot(mine["round"], durations, "_", color="black", markersize=14,
                      label="the round's duration")
            tops += [(axes, int(n), d) for n, d in zip(mine["round"], durations)]
        stack_bars(axes, bars)
        tops += [(axes, number, sum(segments.values())) for number, segments in bars]
        axes.set_title(scheme)
        axes.set_xlabel("round")
        axes.grid(axis="y", alpha=0.3)
    panels[0][0].set_ylabel("time (s)")
    clip_outliers(panels[0], tops)
    if paths is not None:
        title = ("Time per round along its critical path, through the update the aggregator "
                 "received last")
        notes = ["the segments add up to the round"]
    else:
        title = ("Time per round by phase, each phase the LONGEST any client spent in it "
                 "(no updates.csv, so no critical path)")
        notes = ["phases overlap, so a bar may pass its round's duration (—)"]
    notes.append("hatched: nothing aggregated")
    if run["faults"]:
        notes.append("shaded: rounds during a fault")
    figure.suptitle(f"{title}\n({'; '.join(notes)})", fontsize=10)
    bottom_legend(figure, panels[0])
    save(plt, figure, out, "round-phases", written)
    return None


def phase_maxima(row, columns):
    """A rounds.csv row's phase columns in seconds (those the trace has), or the whole round
    hatched when no update arrived: its phases are zeros, not measurements."""
    if row.reported == 0:
        return {"no update aggregated": (row.end_ns - row.start_ns) / 1e9}
    return {phase: getattr(row, f"{phase}_ns") / 1e9 for phase in ROUND_PHASES
            if f"{phase}_ns" in columns}


def clip_outliers(panels, tops):
    """Cuts the shared y axis when a few rounds (a deadline, a fault) are far longer than the
    rest, which would otherwise flatten every other bar to nothing; `tops` are (axes, round,
    seconds) of every bar and mark, and each cut one is labelled with its full height."""
    import numpy as np
    tops = [top for top in tops if top[2] > 0]
    if not tops:
        return
    heights = np.array([top for _, _, top in tops])
    typical = float(np.percentile(heights, 80))
    if typical <= 0 or heights.max() <= 3 * typical:
        return
    limit = 1.6 * typical
    panels[0].set_ylim(0, limit)
    labelled = set()
    for axes, x, top in tops:
        if top > limit and (id(axes), x) not in labelled:
            # A bar and its duration mark share an x: the taller is labelled.
            tallest = max(t for a, bx, t in tops if a is axes and bx == x)
            labelled.add((id(axes), x))
            axes.text(x, limit * 0.98, f"{tallest:.3g} s ↑", rotation=90, ha="center",
                      va="top", fontsize=7, color="white",
                      bbox={"facecolor": "black", "alpha": 0.6, "pad": 1, "linewidth": 0})


def round_ticks(axes, numbers):
    """Every round numbered under its bar, up to 30 rounds; whole numbers beyond."""
    if len(numbers) <= 30:
        axes.set_xticks(numbers)
    else:
        integer_ticks(axes.xaxis)
    axes.tick_params(axis="x", labelsize=7)


def stack_bars(axes, bars):
    """Bars at each round stacking its segments in the order given; a round that aggregated
    nothing is one hatched bar."""
    for index, (number, segments) in enumerate(bars):
        bottom = 0.0
        for segment, seconds in segments.items():
            if segment == "no update aggregated":
                axes.bar(number, seconds, bottom=bottom, color="white", edgecolor="#555555",
                         hatch="//", label=segment)
            else:
                axes.bar(number, seconds, bottom=bottom, color=PHASE_COLORS[segment],
                         label=segment)
            bottom += seconds
    round_ticks(axes, [number for number, _ in bars])


def draw_traffic(plt, run, out, written):
    """Bytes by link class (every hop), and payload bytes by message kind (once each)."""
    schemes, links, transfers = run["schemes"], run["links"], run["transfers"]
    if links is not None and not links.empty:
        classes = sorted(set(links["class"]))
        by_class = {s: [links[(links["scheme"] == s) & (links["class"] == c)]["bytes"].sum()
                        for c in classes] for s in schemes}
        source = "links.csv"
    else:
        summary = run["summary"]
        columns = [c for c in summary.columns if c.startswith("link_bytes_")]
        classes = [c.removeprefix("link_bytes_").replace("_", "-") for c in columns]
        by_class = {s: [summary[summary["scheme"] == s][c].sum() for c in columns]
                    for s in schemes}
        source = "summary.csv link_bytes_*"
        if not columns:
            return "no links.csv and no link_bytes_* columns in summary.csv"
    panels = 2 if transfers is not None and not transfers.empty else 1
    figure, axes = plt.subplots(1, panels, figsize=(5.5 * panels + 1, 4.4), squeeze=False)
    grouped_bars(axes[0][0], schemes, classes, by_class)
    axes[0][0].set_title(f"by link class, every hop counted ({source})", fontsize=9)
    if panels == 2:
        kinds = sorted(set(transfers["kind"]))
        by_kind = {s: [transfers[(transfers["scheme"] == s) & (transfers["kind"] == k)]
                       ["bytes"].sum() for k in kinds] for s in schemes}
        grouped_bars(axes[0][1], schemes, kinds, by_kind)
        axes[0][1].set_title("by message kind, each message once (transfers.csv)", fontsize=9)
    axes[0][0].set_ylabel("megabytes (10⁶ bytes)")
    figure.suptitle("Traffic")
    bottom_legend(figure, axes[0])
    save(plt, figure, out, "traffic", written)
    return None


def grouped_bars(axes, schemes, categories, values):
    """One group of bars per category, one bar per scheme, in megabytes; a log scale when the
    bars span more than two decades, so that small classes stay visible."""
    width = 0.8 / max(len(schemes), 1)
    nonzero = [v for s in schemes for v in values[s] if v > 0]
    for index, scheme in enumerate(schemes):
        positions = [c + (index - (len(schemes) - 1) / 2) * width for c in range(len(categories))]
        container = axes.bar(positions, [v / 1e6 for v in values[scheme]], width,
                             color=scheme_color(schemes, scheme), label=scheme)
        axes.bar_label(container, labels=[f"{v / 1e6:.3g}" if v > 0 else ""
                                          for v in values[scheme]], fontsize=7, padding=1)
    if nonzero and max(nonzero) > 100 * min(nonzero):
        axes.set_yscale("log")
    axes.set_xticks(range(len(categories)), categories, rotation=30, ha="right", fontsize=8)
    axes.grid(axis="y", alpha=0.3)


def draw_blocks(plt, run, out, written):
    """Height against creation time with stale blocks and forks marked; transactions per
    block."""
    blocks = run["blocks"]
    if blocks is None:
        return "no blocks.csv (a FedAvg-only run, or the run's --traces left it out)"
    if blocks.empty:
        return "blocks.csv has no blocks"
    schemes = scheme_order(blocks)
    figure, (heights, sizes) = plt.subplots(2, 1, figsize=(10, 6), sharex=True,
                                            gridspec_kw={"height_ratios": [2, 1]})
    every_window = [w for s in schemes for w in run["faults"].get(s, [])]
    for axes in (heights, sizes):
        shade_time(axes, every_window, fault_labels(run["faults"]))
    # Bars a fixed fraction of the time span wide, so that they stay visible in a long run.
    width = max(blocks["created_ns"].max() - blocks["created_ns"].min(), 1e9) / 1e9 / 300
    for scheme in schemes:
        mine = blocks[blocks["scheme"] == scheme]
        seconds = mine["created_ns"] / 1e9
        canonical = mine["canonical"] == 1
        color = scheme_color(run["schemes"], scheme)
        heights.step(seconds[canonical], mine["height"][canonical], where="post", color=color,
                     marker=".", label=f"{scheme}: canonical")
        sizes.bar(seconds[canonical], mine["transactions"][canonical], width=width,
                  color=color, label=f"{scheme}: canonical")
        if (~canonical).any():
            heights.plot(seconds[~canonical], mine["height"][~canonical], "x", color="#d62728",
                         markersize=9, mew=2, label=f"{scheme}: stale (not canonical)")
            sizes.bar(seconds[~canonical], mine["transactions"][~canonical], width=width,
                      color="#d62728", label=f"{scheme}: stale")
        counts = mine.groupby("height", sort=True)["height"].count()
        forks = counts[counts > 1].index
        if len(forks):
            first = mine[mine["height"].isin(forks)].groupby("height", sort=True)["created_ns"]
            heights.plot(first.min() / 1e9, forks, "o", markerfacecolor="none",
                         markeredgecolor="black", markersize=13,
                         label=f"{scheme}: fork (2+ blocks at a height)")
    heights.set_ylabel("height")
    integer_ticks(heights.yaxis)
    sizes.set_ylabel("transactions")
    sizes.set_xlabel("simulated time (s), when each block was created")
    heights.legend(fontsize=8, loc="upper left")
    heights.grid(alpha=0.3)
    sizes.grid(alpha=0.3)
    title = "Blocks over time (blocks.csv)"
    if every_window:
        title += "; shaded: fault windows"
    figure.suptitle(title)
    figure.tight_layout()
    save(plt, figure, out, "blocks", written)
    return None


def draw_privacy(plt, run, out, written):
    """Cumulative ε per round, and accuracy against it."""
    rounds = run["rounds"]
    if "epsilon" not in rounds.columns or rounds["epsilon"].isna().all():
        return "no ε in rounds.csv (no scheme of this run adds differential-privacy noise)"
    figure, (by_round, trade) = plt.subplots(1, 2, figsize=(11, 4.2))
    for scheme in run["schemes"]:
        mine = rounds[(rounds["scheme"] == scheme) & rounds["epsilon"].notna()]
        if mine.empty:
            continue
        color = scheme_color(run["schemes"], scheme)
        by_round.plot(mine["round"], mine["epsilon"], marker=".", color=color, label=scheme)
        if mine["accuracy"].notna().any():
            trade.plot(mine["epsilon"], mine["accuracy"], marker=".", color=color, label=scheme)
    by_round.set_xlabel("round")
    integer_ticks(by_round.xaxis)
    by_round.set_ylabel("cumulative ε (largest of any client)")
    trade.set_xlabel("cumulative ε")
    trade.set_ylabel("test accuracy")
    for axes in (by_round, trade):
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)
    figure.suptitle("Privacy budget spent (rounds.csv, epsilon)")
    figure.tight_layout()
    save(plt, figure, out, "privacy", written)
    return None


def draw_update_fates(plt, run, out, written):
    """Sampled updates per round stacked by fate, one panel per scheme."""
    updates = run["updates"]
    if updates is None:
        return "no updates.csv (not a FedAvg workload, or the run's --traces left it out)"
    if updates.empty:
        return "updates.csv has no updates"
    schemes = [s for s in run["schemes"] if (updates["scheme"] == s).any()]
    fates = [f for f in FATE_ORDER if (updates["fate"] == f).any()]
    fates += sorted(set(updates["fate"]) - set(FATE_ORDER))
    figure, panels = plt.subplots(1, len(schemes), figsize=(5.5 * len(schemes), 4),
                                  sharey=True, squeeze=False)
    for axes, scheme in zip(panels[0], schemes):
        mine = updates[updates["scheme"] == scheme]
        numbers = sorted(set(int(r) for r in mine["round"]))
        bottom = [0] * len(numbers)
        for fate in fates:
            counts = [int(((mine["round"] == n) & (mine["fate"] == fate)).sum()) for n in numbers]
            axes.bar(numbers, counts, bottom=bottom, color=FATE_COLORS.get(fate, "#7f7f7f"),
                     label=fate)
            bottom = [b + c for b, c in zip(bottom, counts)]
        axes.set_title(scheme)
        axes.set_xlabel("round")
        axes.grid(axis="y", alpha=0.3)
        round_ticks(axes, numbers)
    panels[0][0].set_ylabel("sampled updates")
    figure.suptitle("Updates by fate per round (updates.csv)")
    bottom_legend(figure, panels[0])
    save(plt, figure, out, "update-fates", written)
    return None


def read_run(folder):
    """A run folder's traces, checked; optional traces are None when absent."""
    number = NUMBER  # Short, to keep each table's columns on few lines.
    rounds = read_table(folder, "rounds.csv", {
        "time_ns": number, "scheme": TEXT, "round": number, "start_ns": number,
        "end_ns": number, "reported": number, "download_ns": number, "compute_ns": number,
        "upload_ns": number, "aggregation_ns": number, "accuracy": OPTIONAL_NUMBER},
        extra_numbers=("inclusion_ns", "confirmation_ns", "epsilon"))
    summary = read_table(folder, "summary.csv", {"scheme": TEXT},
                         extra_numbers=[f"link_bytes_{c}" for c in LINK_BYTE_CLASSES])
    updates = read_table(folder, "updates.csv", {
        "scheme": TEXT, "round": number, "client": TEXT, "sent_ns": OPTIONAL_NUMBER,
        "arrived_ns": OPTIONAL_NUMBER, "fate": TEXT}, required=False)
    transfers = read_table(folder, "transfers.csv", {
        "scheme": TEXT, "to": TEXT, "bytes": number, "start_ns": number, "finish_ns": number,
        "kind": TEXT, "lost": number}, required=False)
    links = read_table(folder, "links.csv", {"scheme": TEXT, "class": TEXT, "bytes": number},
                       required=False)
    blocks = read_table(folder, "blocks.csv", {
        "scheme": TEXT, "height": number, "created_ns": number, "transactions": number,
        "canonical": number}, required=False)
    faults = read_table(folder, "faults.csv", {
        "time_ns": number, "scheme": TEXT, "fault": TEXT, "kind": TEXT, "target": TEXT,
        "event": TEXT}, required=False)
    schemes = scheme_order(summary, rounds, updates)
    end_seconds = rounds["end_ns"].max() / 1e9 if not rounds.empty else 0.0
    if faults is not None and not faults.empty:
        end_seconds = max(end_seconds, faults["time_ns"].max() / 1e9)
    return {"folder": folder, "schemes": schemes, "rounds": rounds, "summary": summary,
            "updates": updates, "transfers": transfers, "links": links, "blocks": blocks,
            "faults": fault_windows(faults, end_seconds)}


RUN_FIGURES = [("accuracy", draw_accuracy), ("round-phases", draw_round_phases),
               ("traffic", draw_traffic), ("blocks", draw_blocks), ("privacy", draw_privacy),
               ("update-fates", draw_update_fates)]


# MARK: - A sweep's figures

# Overhead ratios drawn against the swept parameter: time and traffic, the costs of a chain.
OVERHEAD_METRICS = ["total_time_ns", "time_to_target_ns", "message_bytes", "messages"]


def parameter_axis(path, values):
    """The swept values as x positions and an axis label: numbers as themselves, durations
    ("500ms") in seconds, bit rates ("20Mbps") in Mbit/s, anything else by point order with
    the values as tick labels."""
    units = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    rates = {"bps": 1e-6, "kbps": 1e-3, "Kbps": 1e-3, "Mbps": 1.0, "Gbps": 1e3}
    for pattern, scale, label in ((r"^([-+0-9.eE]+)$", None, path),
                                  (r"^([0-9.]+)(ns|us|ms|s)$", units, f"{path} (s)"),
                                  (r"^([0-9.]+)(bps|kbps|Kbps|Mbps|Gbps)$", rates,
                                   f"{path} (Mbit/s)")):
        matches = [re.match(pattern, value) for value in values]
        if all(matches):
            try:
                numbers = [float(m.group(1)) * (scale[m.group(2)] if scale else 1.0)
                           for m in matches]
            except ValueError:
                continue
            return numbers, label, None
    distinct = list(dict.fromkeys(values))
    return [distinct.index(v) for v in values], path, distinct


def read_sweep(folder):
    """A sweep folder's merged tables, checked; the swept paths are the columns between
    `point` and `scheme`."""
    stats = read_table(folder, "sweep-stats.csv", {
        "point": NUMBER, "scheme": TEXT, "metric": TEXT, "count": NUMBER,
        "mean": OPTIONAL_NUMBER, "sd": OPTIONAL_NUMBER, "ci95_low": OPTIONAL_NUMBER,
        "ci95_high": OPTIONAL_NUMBER},
        holder="`fedchain sweep` writes it when every run is done (or `fedchain sweep collect`)")
    columns = list(stats.columns)
    paths = columns[columns.index("point") + 1:columns.index("scheme")]
    if not paths:
        raise BadInput(f"{os.path.join(folder, 'sweep-stats.csv')}: no swept path between "
                       "the columns 'point' and 'scheme'; expected one column per swept path")
    if stats.empty:
        raise BadInput(f"{os.path.join(folder, 'sweep-stats.csv')}: no rows; expected the "
                       "statistics of every point (run `fedchain sweep collect DIR`)")
    runs = read_table(folder, "sweep.csv", {"point": NUMBER, "scheme": TEXT}, required=False,
                      extra_numbers=sorted(set(stats["metric"])))
    return stats, paths, runs


def sweep_lines(stats, paths):
    """The x axis (path, positions by point, label, tick labels) and the lines: for each
    scheme and combination of the other paths, its points in order."""
    points = stats.drop_duplicates("point").sort_values("point", kind="stable")
    varying = [p for p in paths if points[p].nunique() > 1] or paths[:1]
    x_path = varying[0]
    positions, label, ticks = parameter_axis(x_path, list(points[x_path]))
    at = dict(zip(points["point"], positions))
    others = [p for p in paths if p != x_path]
    return at, label, ticks, others


def draw_sweep_metric(plt, stats, runs, axis, metric, schemes, out, written):
    """One metric's mean with its 95% band per line, the individual runs as dots."""
    at, label, ticks, others = axis
    scale, unit = metric_unit(metric)
    figure, axes = plt.subplots(figsize=(7, 4.4))
    mine = stats[stats["metric"] == metric]
    for scheme in schemes:
        color = scheme_color(schemes, scheme)
        for suffix, style, group in sweep_series(mine[mine["scheme"] == scheme], others):
            xs = [at[p] for p in group["point"]]
            axes.plot(xs, group["mean"] * scale, marker=style[1], linestyle=style[0],
                      color=color, label=scheme + suffix)
            band = group["ci95_low"].notna() & group["ci95_high"].notna()
            if band.any():
                axes.fill_between([x for x, b in zip(xs, band) if b],
                                  group["ci95_low"][band] * scale,
                                  group["ci95_high"][band] * scale, color=color, alpha=0.2,
                                  linewidth=0)
        if runs is not None and metric in runs.columns:
            dots = runs[(runs["scheme"] == scheme) & runs[metric].notna()
                        & runs["point"].isin(list(at))]
            axes.plot([at.get(p) for p in dots["point"]], dots[metric] * scale, ".",
                      color=scheme_color(schemes, scheme), alpha=0.5, markersize=4)
    finish_sweep_axes(axes, label, ticks)
    axes.set_ylabel(f"{metric}{unit}")
    axes.legend(fontsize=8)
    figure.suptitle(f"{metric}: mean over seeds and runs, 95% Student-t band, dots: runs",
                    fontsize=10)
    figure.tight_layout()
    save(plt, figure, out, f"sweep-{metric}", written)


# Line styles and markers telling apart the lines of one scheme at other swept values.
SERIES_STYLES = [("-", "o"), ("--", "s"), (":", "^"), ("-.", "D")]


def sweep_series(rows, others):
    """A scheme's rows split by the values of the other swept paths, in point order: (label
    suffix, (line style, marker), rows sorted by point) per combination."""
    if not others:
        yield "", SERIES_STYLES[0], rows.sort_values("point", kind="stable")
        return
    for index, (key, group) in enumerate(rows.groupby(others, sort=False)):
        values = key if isinstance(key, tuple) else (key,)
        suffix = ", " + ", ".join(f"{p} = {v}" for p, v in zip(others, values))
        yield (suffix, SERIES_STYLES[index % len(SERIES_STYLES)],
               group.sort_values("point", kind="stable"))


def metric_unit(metric):
    """Nanoseconds are drawn in seconds and bytes in megabytes."""
    if metric.endswith("_ns"):
        return 1e-9, " (s)"
    if metric.endswith("bytes") or metric.startswith("link_bytes_"):
        return 1e-6, " (MB)"
    return 1.0, ""


def finish_sweep_axes(axes, label, ticks):
    """The parameter's label, its values as ticks when they are not numbers, a light grid."""
    axes.set_xlabel(label)
    if ticks is not None:
        axes.set_xticks(range(len(ticks)), ticks)
    axes.grid(alpha=0.3)


def draw_sweep_overhead(plt, stats, axis, out, written):
    """Each ratio row's time and traffic overhead against the parameter, with its band."""
    at, label, ticks, others = axis
    ratios = sorted(s for s in set(stats["scheme"]) if "/" in s)
    metrics = [m for m in OVERHEAD_METRICS
               if stats[(stats["metric"] == m) & stats["scheme"].isin(ratios)]["mean"]
               .notna().any()]
    if not ratios or not metrics:
        return "no ratio rows (e.g. bcfl/fedavg) in sweep-stats.csv: the sweep compared nothing"
    figure, panels = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 4),
                                  squeeze=False)
    for axes, metric in zip(panels[0], metrics):
        for index, ratio in enumerate(ratios):
            rows = stats[(stats["metric"] == metric) & (stats["scheme"] == ratio)]
            for suffix, style, group in sweep_series(rows[rows["mean"].notna()], others):
                xs = [at[p] for p in group["point"]]
                axes.plot(xs, group["mean"], marker=style[1], linestyle=style[0],
                          color=f"C{index + 3}", label=ratio + suffix)
                band = group["ci95_low"].notna() & group["ci95_high"].notna()
                if band.any():
                    axes.fill_between([x for x, b in zip(xs, band) if b],
                                      group["ci95_low"][band], group["ci95_high"][band],
                                      color=f"C{index + 3}", alpha=0.2, linewidth=0)
        axes.axhline(1.0, color="black", linewidth=0.8, linestyle=":")
        finish_sweep_axes(axes, label, ticks)
        axes.set_title(metric, fontsize=9)
        axes.legend(fontsize=7)
    panels[0][0].set_ylabel("ratio (× the vanilla twin)")
    figure.suptitle("Overhead against the swept parameter (mean, 95% band; dotted: no "
                    "overhead)", fontsize=10)
    figure.tight_layout()
    save(plt, figure, out, "sweep-overhead", written)
    return None


def draw_sweep(plt, sweep, out):
    """Every figure of a sweep read by read_sweep; returns (written, skipped notes)."""
    stats, paths, runs = sweep
    axis = sweep_lines(stats, paths)
    schemes = scheme_order(stats)
    written, notes = [], []
    flat = []
    for metric in list(dict.fromkeys(stats["metric"])):
        means = stats[(stats["metric"] == metric) & stats["scheme"].isin(schemes)]["mean"]
        if means.isna().all() or (means.fillna(0) == 0).all():
            flat.append(metric)
            continue
        draw_sweep_metric(plt, stats, runs, axis, metric, schemes, out, written)
    if flat:
        notes.append(f"skipped sweep-{{{','.join(flat)}}}: empty or zero at every point")
    note = draw_sweep_overhead(plt, stats, axis, out, written)
    if note:
        notes.append(f"skipped sweep-overhead: {note}")
    return written, notes


# MARK: - Command line


def parse_arguments(arguments):
    """RUN_DIR and FIG_DIR, or Usage."""
    parser = argparse.ArgumentParser(
        prog=PROGRAM, add_help=False, description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--out")
    parser.add_argument("-h", "--help", action="store_true")
    known, unknown = parser.parse_known_args(arguments)
    if known.help:
        return None
    if unknown:
        raise Usage(f"unknown argument {unknown[0]!r}; usage: {PROGRAM} RUN_DIR [--out FIG_DIR]")
    if not known.folder:
        raise Usage(f"usage: {PROGRAM} RUN_DIR [--out FIG_DIR] (--help for the figures)")
    return known.folder, known.out or os.path.join(known.folder, "figures")


def load_plotting():
    """matplotlib's pyplot set up for byte-identical output, or None when a package is
    missing."""
    try:
        import matplotlib
        import numpy  # noqa: F401  (checked here so that its absence is one line)
        import pandas  # noqa: F401
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    # SVG element ids come from a hash salted per process unless fixed; the bundled DejaVu
    # font keeps the glyphs the same on every machine.
    matplotlib.rcParams["svg.hashsalt"] = "fedchainsim"
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    return plt


def main(arguments):
    try:
        parsed = parse_arguments(arguments)
    except Usage as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 64
    if parsed is None:
        print(__doc__.strip())
        return 0
    folder, out = parsed
    if not os.path.isdir(folder):
        print(f"{PROGRAM}: {folder}: no such folder; expected a fedchain run or sweep folder",
              file=sys.stderr)
        return 65
    plt = load_plotting()
    if plt is None:
        print(f"{PROGRAM}: needs matplotlib, pandas and numpy: "
              "python3 -m pip install -r analysis/requirements.txt", file=sys.stderr)
        return 69
    try:
        is_sweep = any(os.path.exists(os.path.join(folder, name))
                       for name in ("sweep.json", "sweep-stats.csv"))
        if not is_sweep and not os.path.exists(os.path.join(folder, "rounds.csv")):
            raise BadInput(f"{folder}: neither a run folder (rounds.csv, summary.csv) nor a "
                           "sweep folder (sweep.json, sweep-stats.csv)")
        # Everything is read and checked before the first file is written.
        traces = read_sweep(folder) if is_sweep else read_run(folder)
        try:
            os.makedirs(out, exist_ok=True)
        except OSError as error:
            raise CannotWrite(f"{out}: cannot be created ({error.strerror})")
        if is_sweep:
            written, notes = draw_sweep(plt, traces, out)
        else:
            written, notes = [], []
            for name, draw in RUN_FIGURES:
                note = draw(plt, traces, out, written)
                if note:
                    notes.append(f"skipped {name}: {note}")
    except BadInput as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 65
    except CannotWrite as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 73
    for note in notes:
        print(note)
    print(f"wrote {len(written)} figures (PNG and SVG) to {out}: {', '.join(written)}")
    return 0


if __name__ == "__main__":
    import signal
    # Piped into `head`, stop quietly like any command-line tool.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # A bug here, not bad input: still one line, and exit 70.
        print(f"{PROGRAM}: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(70)
