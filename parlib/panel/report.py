"""The cleaning report: a ledger of every raw row a reader looked at, and every value-level issue.

Readers log each raw row exactly once, as kept or dropped (with a reason). Value-level problems
(no data, sources that disagree, a composite that does not reproduce) are issues; checks with a
number are metrics; a raw file that nothing reads has one ``file`` line saying why
(:mod:`parlib.sources.inventory`). ``parlib build`` writes the ledger and a per-file summary next to the panel,
so that every raw row is either in the panel or listed with its reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field

COLUMNS = ["kind", "source", "sheet", "row", "unit_as_written", "unit_code", "status",
           "column", "reason", "value"]


@dataclass
class CleaningReport:
    entries: list[dict] = field(default_factory=list)

    # -- rows ---------------------------------------------------------------------------
    def kept(self, source, sheet, row, unit_as_written, unit_code=None):
        self._add("row", source, sheet, row, unit_as_written, unit_code, "kept", None, None)

    def dropped(self, source, sheet, row, unit_as_written, reason):
        if not reason:
            raise ValueError("a dropped row needs a reason")
        self._add("row", source, sheet, row, unit_as_written, None, "dropped", None, reason)

    # -- values and checks ------------------------------------------------------------------
    def issue(self, source, sheet, row, unit_as_written, column, kind, detail):
        self._add("issue", source, sheet, row, unit_as_written, None, kind, column, detail)

    def file(self, source, status, reason):
        """One line for a whole raw file (``ignored`` with the reason nothing reads it)."""
        self._add("file", source, None, None, None, None, status, None, reason)

    def metric(self, source, name, value, detail=""):
        self._add("metric", source, None, None, None, None, name, None, detail, value)

    def _add(self, kind, source, sheet, row, unit, code, status, column, reason, value=None):
        self.entries.append({
            "kind": kind, "source": str(source), "sheet": None if sheet is None else str(sheet),
            "row": None if row is None else int(row),
            "unit_as_written": None if unit is None else str(unit).strip(),
            "unit_code": code, "status": status,
            "column": None if column is None else str(column), "reason": reason,
            "value": None if value is None else float(value),
        })

    def extend(self, other: "CleaningReport"):
        self.entries.extend(other.entries)

    # -- views ------------------------------------------------------------------------------
    def to_frame(self):
        import pandas as pd

        df = pd.DataFrame(self.entries, columns=COLUMNS)
        df["row"] = df["row"].astype("Int64")
        order = {"row": 0, "issue": 1, "metric": 2, "file": 3}
        df["_k"] = df["kind"].map(order)
        df = df.sort_values(["source", "sheet", "_k", "row", "status", "column"],
                            kind="mergesort", na_position="first")
        return df.drop(columns="_k").reset_index(drop=True)

    def summary(self):
        """Per source file and sheet: rows read, kept, dropped (by reason), issues."""
        import pandas as pd

        cols = ["source", "sheet", "rows_read", "kept", "dropped", "dropped_reasons", "issues"]
        df = self.to_frame()
        if df.empty:
            return pd.DataFrame(columns=cols)
        df["sheet"] = df["sheet"].fillna("")
        rows = df[df.kind == "row"]
        keys = ["source", "sheet"]
        out = rows.groupby(keys).agg(rows_read=("status", "size"),
                                     kept=("status", lambda s: int((s == "kept").sum())))
        dropped = rows[rows.status == "dropped"]
        counts = dropped.groupby(keys + ["reason"]).size().reset_index(name="n")
        counts["text"] = counts["reason"].astype(str) + " (" + counts["n"].astype(str) + ")"
        reasons = counts.groupby(keys)["text"].agg("; ".join)
        issues = df[df.kind == "issue"].groupby(keys).size()
        idx = out.index.union(issues.index)
        out = out.astype("int64").reindex(idx, fill_value=0)  # (int even when no row was read)
        out["dropped"] = out["rows_read"] - out["kept"]
        out["dropped_reasons"] = reasons.reindex(idx).fillna("")
        out["issues"] = issues.reindex(idx, fill_value=0)
        out = out.reset_index().sort_values(keys, kind="mergesort").reset_index(drop=True)
        for c in ("rows_read", "kept", "dropped", "issues"):
            out[c] = out[c].astype("int64")
        return out[cols]

    def check_complete(self):
        """Each (source, sheet, row) is logged at most once; returns the duplicates."""
        df = self.to_frame()
        rows = df[df.kind == "row"]
        dup = rows[rows.duplicated(["source", "sheet", "row", "unit_as_written"], keep=False)]
        return dup
