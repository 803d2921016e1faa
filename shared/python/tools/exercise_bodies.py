"""Read what the workbook's checks need from a Python lab file, as JSON on stdout.

    python exercise_bodies.py body <file> <function | Class.method>
        {"start": n, "code_lines": [{"line": n, "text": "..."}], "calls": ["todo", ...], "todo_steps": [...]}
    python exercise_bodies.py comments <file>
        {"comments": "every comment and docstring of the file, one after the other"}

The TypeScript side (shared/workbook/src/python-bodies.ts) counts the lines a learner writes
and looks for spoilers with it, as it does for TypeScript with the compiler's own parser.
"""

from __future__ import annotations

import ast
import io
import json
import sys
import tokenize


def find_function(tree: ast.Module, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    scope: list[ast.stmt] = tree.body
    *owners, function = name.split(".")
    for owner in owners:
        found = next((node for node in scope if isinstance(node, ast.ClassDef) and node.name == owner), None)
        if found is None:
            raise SystemExit(f"no class {owner}")
        scope = found.body
    for node in scope:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            return node
    raise SystemExit(f"no function {name}")


def comment_lines(source: str) -> dict[int, str]:
    """Line number -> the comment on it, from the tokenizer (so '#' inside a string is not one)."""
    comments: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string
    return comments


def body(path: str, name: str) -> dict[str, object]:
    source = open(path, encoding="utf-8").read()
    tree = ast.parse(source)
    function = find_function(tree, name)
    statements = function.body
    # A docstring is documentation, not code the learner writes.
    if statements and isinstance(statements[0], ast.Expr) and isinstance(getattr(statements[0], "value", None), ast.Constant) and isinstance(statements[0].value.value, str):
        statements = statements[1:]
    lines = source.splitlines()
    comments = comment_lines(source)
    code_lines = []
    if statements:
        for number in range(statements[0].lineno, (function.end_lineno or statements[-1].lineno) + 1):
            text = lines[number - 1]
            if number in comments:
                text = text[: text.rindex(comments[number])]
            if text.strip():
                code_lines.append({"line": number, "text": text.strip()})
    calls = sorted({node.func.id for node in ast.walk(function) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)})
    todo_steps = [
        node.args[0].value
        for node in ast.walk(function)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "todo" and node.args and isinstance(node.args[0], ast.Constant)
    ]
    return {"start": function.lineno, "code_lines": code_lines, "calls": calls, "todo_steps": todo_steps}


def comments(path: str) -> dict[str, object]:
    source = open(path, encoding="utf-8").read()
    texts = list(comment_lines(source).values())
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                texts.append(docstring)
    return {"comments": "\n".join(texts)}


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    result = body(*arguments) if command == "body" else comments(*arguments)
    json.dump(result, sys.stdout)
