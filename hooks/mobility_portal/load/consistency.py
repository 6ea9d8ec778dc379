"""Checks across a project file: two places that must agree, each named with its line.

The model checks each part alone; these compare parts. What makes a page wrong is an error (a
stay with no country, a call that closes after its stay has begun); what is only unusual is a
warning (the planned learners of the periods and of the profiles add up differently).
"""

from __future__ import annotations

from ..errors import KeyPath, ProjectError
from ..model.project import Project
from .yaml_source import YamlSource


def check_consistency(project: Project, source: YamlSource) -> tuple[list[ProjectError], list[ProjectError]]:
    """(errors, warnings) of a valid project."""
    errors: list[ProjectError] = []
    warnings: list[ProjectError] = []
    errors += _destinations(project, source)
    errors += _calls_before_stays(project, source)
    warnings += _planned_learners(project, source)
    warnings += _results_within_plans(project, source)
    return errors, warnings


def _destinations(project: Project, source: YamlSource) -> list[ProjectError]:
    errors = []
    for index, period in enumerate(project.mobility_periods):
        if project.period_country(period) is None:
            errors.append(source.error(("mobility_periods", index), "expected the destination of this stay: a country: or a "
                                       "host: partner, found neither", "add country: (a code, like PT) and city: to the period"))
    countries = sorted({country for period in project.mobility_periods if (country := project.period_country(period))})
    for index, company in enumerate(project.host_companies):
        if project.company_country(company) is None:
            where = f"the stays go to {', '.join(countries)}" if countries else "no stay has a country"
            errors.append(source.error(("host_companies", index), f"expected a country: on this host company, found none: {where}",
                                       "add country: (a code, like PT) beside city:"))
    return errors


def _calls_before_stays(project: Project, source: YamlSource) -> list[ProjectError]:
    errors = []
    key = "calls" if project.calls else "call"
    periods = {period.id: (index, period) for index, period in enumerate(project.mobility_periods)}
    for number, call in enumerate(project.all_calls):
        path: KeyPath = (key, number) if key == "calls" else (key,)
        if call.closes is None:
            continue
        for period_id in call.periods:
            if period_id not in periods:
                continue
            index, period = periods[period_id]
            if call.closes >= period.start:
                errors.append(source.error((*path, "closes"), f"expected the call to close before its stay begins "
                                           f"({period_id} starts on {period.start}, line {source.line_of(('mobility_periods', index))}), "
                                           f"found closes: {call.closes}", "close the call earlier, or check the period's dates"))
        if not call.periods and call.closes > project.end:
            errors.append(source.error((*path, "closes"), f"expected the call to close before the last stay ends ({project.end}), "
                                       f"found closes: {call.closes}", "check the year of the date"))
    return errors


def _planned_learners(project: Project, source: YamlSource) -> list[ProjectError]:
    periods = [period.learners for period in project.mobility_periods]
    profiles = [profile.number for profile in project.learner_profiles]
    if not periods or not profiles or None in periods or None in profiles:
        return []
    by_period, by_profile = sum(p for p in periods if p), sum(p for p in profiles if p)
    if by_period == by_profile:
        return []
    return [source.error(("learner_profiles",), f"expected the learners planned by profile to add up as those planned by "
                         f"period, found {by_profile} by profile and {by_period} by period (mobility_periods, line "
                         f"{source.line_of(('mobility_periods',))})", "correct number: of a profile or learners: of a period")]


def _results_within_plans(project: Project, source: YamlSource) -> list[ProjectError]:
    if not project.results:
        return []
    warnings = []
    planned = {profile.id: (index, profile.number) for index, profile in enumerate(project.learner_profiles)}
    for index, row in enumerate(project.results.participants):
        profile_index, number = planned.get(row.profile, (0, None))
        if number is not None and row.took_part > number:
            line = source.line_of(("learner_profiles", profile_index))
            warnings.append(source.error(("results", "participants", index, "took_part"),
                                         f"expected at most the {number} learners planned for this profile "
                                         f"(learner_profiles, line {line}), found {row.took_part}",
                                         "correct took_part:, or the profile's number:"))
    return warnings
