"""Who may take part: the page's criteria, the checks the self-assessment asks for each,
the rules from outside the page those checks rely on (each with its source), and the
passages of the page the app quotes (B2B meetings, selection, representatives...)."""

from __future__ import annotations

from etl.errors import BuildError
from etl.inputs import CHECKS, CRITERIA, NOTICES, OUTSIDE_RULES, Inputs
from etl.page import PageCapture, normalise_space
from etl.steps import Tables
from etl.steps.sections import PageSections


def read_criteria(page: PageCapture, sections: PageSections, inputs: Inputs) -> Tables:
    criteria = read_page_criteria(page, sections, inputs)
    rules = inputs.read(OUTSIDE_RULES)
    return {
        "eligibility_criteria": criteria,
        "outside_rules": [
            {
                "rule_id": row["rule_id"],
                "value": row["value"],
                "rule": row["rule"],
                "source": row["source"],
            }
            for row in rules
        ],
        "eligibility_checks": read_checks(criteria, {row["rule_id"] for row in rules}, inputs),
        "notices": read_notices(page, sections, inputs),
    }


def read_page_criteria(page: PageCapture, sections: PageSections, inputs: Inputs) -> list[dict]:
    """Each criterion, found by the start of its bullet or paragraph; every bullet of a
    criteria list must be one."""
    rows = inputs.read(CRITERIA)
    ids = {row["criterion_id"] for row in rows}
    matched_lines: set[int] = set()
    result = []
    for row in rows:
        if row["section_id"] not in sections.by_id:
            raise inputs.refuse(CRITERIA, row, f"unknown section_id {row['section_id']!r}")
        if row["parent_id"] is not None and row["parent_id"] not in ids:
            raise inputs.refuse(CRITERIA, row, f"unknown parent_id {row['parent_id']!r}")
        section = sections.by_id[row["section_id"]]
        prefix = normalise_space(row["match"])
        candidates = [
            (item.line, item.verbatim)
            for block in section.lists
            for item in block.items
            if item.text.startswith(prefix)
        ] + [
            (block.line, block.verbatim)
            for block in section.paragraphs
            if block.text.startswith(prefix)
        ]
        if len(candidates) != 1:
            problem = "matches no" if not candidates else "matches more than one"
            raise inputs.refuse(CRITERIA, row, f"{row['match']!r} {problem} bullet or paragraph")
        line, text = candidates[0]
        matched_lines.add(line)
        result.append(
            {
                "criterion_id": row["criterion_id"],
                "section_id": row["section_id"],
                "parent_id": row["parent_id"],
                "applies_to": row["applies_to"],
                "text": text,
                "line": line,
            }
        )
    for section_id in {row["section_id"] for row in rows}:
        for block in sections.by_id[section_id].lists:
            for item in block.items:
                if item.line not in matched_lines:
                    raise page.refuse(
                        f"criterion {item.text!r} is not in {CRITERIA.file_name}", item.line
                    )
    return sorted(result, key=lambda row: row["line"])


def read_checks(criteria: list[dict], rule_ids: set[str], inputs: Inputs) -> list[dict]:
    """The self-assessment's checks: each answers a criterion of the page that has no
    sub-criteria, and every such criterion has at least one."""
    parents = {row["parent_id"] for row in criteria if row["parent_id"]}
    leaves = {row["criterion_id"] for row in criteria} - parents
    rows = inputs.read(CHECKS)
    questions: dict[str, str] = {}
    for row in rows:
        if row["criterion_id"] in parents:
            raise inputs.refuse(
                CHECKS, row, f"{row['criterion_id']!r} has sub-criteria: check those instead"
            )
        if row["criterion_id"] not in leaves:
            raise inputs.refuse(CHECKS, row, f"unknown criterion_id {row['criterion_id']!r}")
        if row["outside_rule"] is not None and row["outside_rule"] not in rule_ids:
            raise inputs.refuse(CHECKS, row, f"unknown outside_rule {row['outside_rule']!r}")
        if row["question"] in questions:
            raise inputs.refuse(
                CHECKS,
                row,
                f"question {row['question']!r} already answers {questions[row['question']]!r}",
            )
        questions[row["question"]] = row["check_id"]
    unchecked = sorted(leaves - {row["criterion_id"] for row in rows})
    if unchecked:
        raise BuildError(
            inputs.path(CHECKS), "no check for the page's criterion " + ", ".join(unchecked)
        )
    return [
        {
            "check_id": row["check_id"],
            "criterion_id": row["criterion_id"],
            "question": row["question"],
            "met_when": row["met_when"],
            "form_section": row["form_section"],
            "outside_rule": row["outside_rule"],
            "sort_order": position,
        }
        for position, row in enumerate(rows, start=1)
    ]


def read_notices(page: PageCapture, sections: PageSections, inputs: Inputs) -> list[dict]:
    result = []
    for row in inputs.read(NOTICES):
        if row["section_id"] not in sections.by_id:
            raise inputs.refuse(NOTICES, row, f"unknown section_id {row['section_id']!r}")
        located = page.locate(row["quote"], within=sections.by_id[row["section_id"]])
        if located is None:
            raise inputs.refuse(
                NOTICES, row, f"quote not found in {page.path.name}: {row['quote'][:80]!r}"
            )
        result.append({"notice_id": row["notice_id"], "text": located.text, "line": located.line})
    return result
