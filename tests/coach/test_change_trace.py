"""Which change touched which session: the trace `adjust_week(on_step=…)` makes possible."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import Signals, adjust_week, build_draft, signals_from_activities
from rules.vocab import DAYS, LIFT_TYPES, RUN_TYPES
from runlift_sync.coach.change_trace import ChangeTracer, WeekTrace
from tests.rules.rules_testkit import (
    day,
    easy_run,
    hard_run,
    lift,
    lifted,
    make_plan,
    policy,
    run,
    squat,
)


def traced(plan, signals: Signals | None = None):  # type: ignore[no-untyped-def]
    tracer = ChangeTracer()
    week = adjust_week(plan, signals or Signals(), policy(), day("mon"), on_step=tracer)
    return week, tracer.trace(week)


def test_a_lift_moved_by_the_legs_rule_keeps_its_origin_and_is_linked_to_the_change() -> None:
    plan = make_plan(
        lift("mon", "lower", exercises=(squat(),)),
        run("tue", "intervals", 10),
        run("wed", "easy", 8),
        run("sat", "long", 16),
        run("fri", "recovery", 6),
    )  # 5 training days: 2 hard days allowed, so the 80/20 rule leaves the lift to the legs rule
    week, trace = traced(plan)
    legs = [i for i, c in enumerate(week.changes) if c.rule == "legs-before-key-run"]
    assert legs, [c.rule for c in week.changes]
    moved = next(i for i, s in enumerate(week.sessions) if s.is_lift)
    assert (week.sessions[moved].date, week.sessions[moved].slot) == (day("tue"), "pm")
    # the template's first session (Mon lift) is where it came from
    assert trace.template_index[moved] == 0
    link = trace.links[legs[0]]
    assert moved in link.session_indexes and 0 in link.template_indexes
    # the runs kept their origins (template indexes 1-4) and no rule touched the easy run
    runs = {s.type: trace.template_index[i] for i, s in enumerate(week.sessions) if s.is_run}
    assert runs == {"intervals": 1, "easy": 2, "recovery": 3, "long": 4}
    assert len(trace.links) == len(trace.steps) == len(week.changes)
    assert trace.steps[legs[0]] == "legs-before-key-run"


def test_a_removed_session_is_linked_to_the_change_that_removed_it() -> None:
    # base phase allows 3 lifting sessions: the fourth goes
    plan = make_plan(
        lift("mon", "upper"),
        lift("tue", "upper"),
        lift("thu", "upper"),
        lift("sat", "upper"),
        run("wed", "easy", 8),
    )
    week, trace = traced(plan)
    assert sum(s.is_lift for s in week.sessions) == 3
    origins = {o for o in trace.template_index if o is not None}
    (removed,) = set(range(5)) - origins  # template: mon, tue lifts, wed run, thu, sat lifts
    assert any(removed in link.template_indexes for link in trace.links)


slot = st.sampled_from([None, "am", "pm"])
sessions = st.lists(
    st.one_of(
        st.builds(
            run,
            st.sampled_from(DAYS),
            st.sampled_from(RUN_TYPES),
            st.integers(30, 250).map(lambda t: t / 10),
            slot,
        ),
        st.builds(
            lift,
            st.sampled_from(DAYS),
            st.sampled_from(LIFT_TYPES),
            st.sampled_from([20.0, 45.0, 60.0]),
            slot,
            exercises=st.sampled_from([(), (squat(),)]),
        ),
    ),
    min_size=1,
    max_size=9,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sessions,
    st.sampled_from(["base", "build", "in_season"]),
    st.lists(st.integers(1, 20), max_size=6),
    st.lists(st.integers(1, 6), max_size=2),
)
def test_every_session_that_differs_from_its_template_is_linked_to_a_change(
    planned: list, phase: str, run_days: list[int], leg_days: list[int]
) -> None:
    signals = signals_from_activities(
        runs=tuple([easy_run(d) for d in run_days] + [hard_run(d) for d in run_days[:1]]),
        lifts=tuple(lifted(d) for d in leg_days),
        week_start=day("mon"),
    )
    week, trace = traced(make_plan(*planned, phase=phase, weekly_km=40), signals)
    template = build_draft(
        make_plan(*planned, phase=phase, weekly_km=40), day("mon"), policy()
    ).template
    assert len(trace.template_index) == len(week.sessions)
    assert len(trace.links) == len(trace.steps) == len(week.changes)
    origins = [o for o in trace.template_index if o is not None]
    assert len(origins) == len(set(origins))  # a template session becomes one session at most
    touched = {i for link in trace.links for i in link.session_indexes}
    for i, (session, origin) in enumerate(zip(week.sessions, trace.template_index, strict=True)):
        if origin is None or session != template[origin]:
            assert i in touched, (session, origin)
    removed = set(range(len(template))) - set(origins)
    linked = {t for link in trace.links for t in link.template_indexes}
    assert removed <= linked


def test_a_trace_that_does_not_fit_the_week_links_nothing() -> None:
    plan = make_plan(run("tue", "easy", 8))
    week, _ = traced(plan)
    untraced = ChangeTracer().trace(week)  # never observed a step
    assert untraced == WeekTrace.untraced(week)
    assert untraced.template_index == (None,)
