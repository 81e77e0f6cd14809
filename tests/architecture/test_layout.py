"""docs/ARCHITECTURE.md lists every module exactly as the code is, and the house rules hold:
at most 8 top-level modules, no module over 600 lines, no function over 150 lines, and no rank
computed outside parlib/panel/ranks.py."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "parlib"


def _layout_block() -> str:
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    sec = doc[doc.index("## Layout"):]
    return sec[sec.index("```") + 3:sec.index("```", sec.index("```") + 3)]


def _documented() -> set[str]:
    """Module paths named in the layout tree, rebuilt from the indentation."""
    out, stack = set(), []
    for line in _layout_block().splitlines():
        m = re.match(r"^( *)(\S+)", line)
        if not m or not line.startswith("  "):
            continue
        depth, name = len(m.group(1)) // 2, m.group(2)
        stack = stack[:depth - 1]
        if name.endswith("/"):
            stack.append(name.rstrip("/"))
        elif name.endswith(".py"):
            out.add("/".join(stack + [name]))
    return out


def _modules() -> set[str]:
    return {str(p.relative_to(PKG)) for p in PKG.rglob("*.py")} - {
        p for p in {str(q.relative_to(PKG)) for q in PKG.rglob("__init__.py")}
        if p != "__init__.py" and not _has_code(PKG / p)}


def _has_code(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(not isinstance(n, ast.Expr) for n in tree.body)


def test_every_module_is_named_in_the_architecture_doc():
    assert sorted(_modules() - _documented()) == []


def test_every_module_the_doc_names_exists():
    assert sorted(_documented() - {str(p.relative_to(PKG)) for p in PKG.rglob("*.py")}) == []


def test_top_level_keeps_only_entry_points():
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= 8, top


def test_module_and_function_sizes():
    too_long = []
    for p in PKG.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        if len(text.splitlines()) > 600:
            too_long.append(f"{p.relative_to(ROOT)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > 150:
                    too_long.append(f"{p.relative_to(ROOT)}:{node.lineno} {node.name}: {n} lines")
    assert too_long == []


def test_ranks_are_computed_only_in_the_ranks_module():
    offenders = [str(p.relative_to(ROOT)) for p in PKG.rglob("*.py")
                 if p.name != "ranks.py" and re.search(r"\.rank\(", p.read_text(encoding="utf-8"))]
    assert offenders == []
