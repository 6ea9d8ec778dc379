"""Satisfaction surveys: read the CSV exports of Microsoft Forms, Google Forms, LimeSurvey or
EUSurvey and keep aggregates only (counts, distributions, means).

Only the columns the project maps to a question are read; names, e-mails, timestamps and free
answers are never kept, so nothing personal can reach a page. A free answer is published only
as a testimonial the coordinator copies into project.yml with the person's consent.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ProjectError, did_you_mean
from ..model.project import Project, Survey
from ..model.questionnaires import Question, Questionnaires
from ..model.text import Text
from .yaml_source import YamlSource

SCALE = (1, 2, 3, 4, 5)
HEADER_SEARCH_ROWS = 10  # EUSurvey and some LimeSurvey exports put title lines above the header


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answers: int  # how many respondents answered it
    counts: tuple[int, ...]  # per scale point 1..5, or per option
    mean: float | None  # scale questions only


@dataclass(frozen=True)
class SurveyResult:
    survey: Survey
    title: Text
    respondents: int  # rows in the export
    questions: tuple[QuestionResult, ...]


def summarise_surveys(project: Project, source: YamlSource, folder: Path,
                      questionnaires: Questionnaires) -> tuple[list[SurveyResult], list[ProjectError]]:
    results, errors = [], []
    for index, survey in enumerate(project.surveys):
        result, survey_errors = _summarise(survey, index, source, folder, questionnaires)
        errors += survey_errors
        if result:
            results.append(result)
    return results, errors


def _summarise(survey: Survey, index: int, source: YamlSource, folder: Path,
               questionnaires: Questionnaires) -> tuple[SurveyResult | None, list[ProjectError]]:
    path = ("surveys", index)
    questionnaire = questionnaires.questionnaires.get(survey.respondents.value)
    if questionnaire is None:
        return None, [source.error((*path, "respondents"), f"expected a questionnaire for {survey.respondents.value!r} "
                                                           "in content/questionnaires.yml, found none")]
    by_id = {question.id: question for question in questionnaire.questions}
    errors = [
        source.error((*path, "columns", header),
                     f"expected a question id of the {survey.respondents.value} questionnaire, found {question_id!r}",
                     did_you_mean(question_id, by_id))
        for header, question_id in survey.columns.items()
        if question_id not in by_id
    ]
    text, read_error = _read_text(folder / survey.file)
    if read_error:
        return None, [*errors, source.error((*path, "file"), read_error)]
    try:
        found = _find_header(text, set(survey.columns))
    except csv.Error as error:  # a cell over the csv module's 131,072 characters, a stray NUL byte
        return None, [*errors, source.error((*path, "file"), f"expected a CSV export of answers, found a file the CSV reader "
                                            f"stops on ({error})", "export the answers again as CSV, without long free-text columns")]
    if found is None:
        return None, [*errors, source.error((*path, "columns"), "expected the export's header row to hold the mapped columns, "
                                                               f"found none of them in {survey.file}")]
    rows, header_row = found
    header = rows[header_row]
    answers = [row for row in rows[header_row + 1:] if any(cell.strip() for cell in row)]
    for column in survey.columns:
        if column not in header:
            errors.append(source.error((*path, "columns", column), f"expected a column {column!r} in {survey.file}, found none",
                                       did_you_mean(column, header)))
    if errors:
        return None, errors

    scale_words = _scale_words(questionnaires, survey)
    results = []
    for column, question_id in survey.columns.items():
        question, position = by_id[question_id], header.index(column)
        cells = [row[position].strip() for row in answers if position < len(row) and row[position].strip()]
        if question.kind == "text":
            continue  # free answers are never aggregated nor published
        if question.kind == "scale":
            values, bad = _scale_values(cells, scale_words)
            counts = tuple(values.count(point) for point in SCALE)
            mean = round(sum(values) / len(values), 2) if values else None
        else:
            options = [{word.casefold() for _, word in option.by_language} | ({option.plain.casefold()} if option.plain else set())
                       for option in question.options]
            picks = [next((i for i, words in enumerate(options) if cell.casefold() in words), None) for cell in cells]
            bad = [cell for cell, pick in zip(cells, picks) if pick is None]
            counts = tuple(picks.count(i) for i in range(len(options)))
            mean = None
        if bad:
            errors.append(source.error((*path, "columns", column),
                                       f"expected answers of a {question.kind} question in column {column!r}, found {bad[0]!r}"
                                       + (f" and {len(bad) - 1} more" if len(bad) > 1 else ""),
                                       "map such answers under values:, e.g. values: {A5: 5}" if question.kind == "scale" else ""))
            continue
        results.append(QuestionResult(question, sum(counts), counts, mean))
    if errors:
        return None, errors
    return SurveyResult(survey, questionnaire.title, len(answers), tuple(results)), []


def _read_text(file: Path) -> tuple[str, str]:
    raw = file.read_bytes()
    encodings = ("utf-16",) if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",)
    for encoding in encodings:
        try:
            return raw.decode(encoding), ""
        except UnicodeDecodeError:
            pass
    return "", "expected a CSV file encoded as UTF-8 or UTF-16, found other bytes; export it again as CSV UTF-8"


def _find_header(text: str, columns: set[str]) -> tuple[list[list[str]], int] | None:
    """The rows and the index of the header row, trying the separators exports use (Google and
    Microsoft Forms: comma; LimeSurvey and European Excel: semicolon; EUSurvey: tab)."""
    for delimiter in (",", ";", "\t"):
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if columns & {cell.strip() for cell in row}:
                return [[cell.strip() for cell in row] for row in rows], index
    return None


def _scale_words(questionnaires: Questionnaires, survey: Survey) -> dict[str, int]:
    words = {str(point): point for point in SCALE}
    for point, label in zip(SCALE, questionnaires.scale):
        for _, word in label.by_language:
            words[word.casefold()] = point
        if label.plain:
            words[label.plain.casefold()] = point
    words.update({key.casefold(): value for key, value in survey.values.items()})
    return words


def _scale_values(cells: list[str], words: dict[str, int]) -> tuple[list[int], list[str]]:
    values, bad = [], []
    for cell in cells:
        value = words.get(cell.casefold())
        if value is None:  # "5 - Strongly agree", "4 (Agree)": a leading number counts
            match = re.match(r"([1-5])\b", cell)
            value = int(match.group(1)) if match else None
        if value in SCALE:
            values.append(value)
        else:
            bad.append(cell)
    return values, bad
