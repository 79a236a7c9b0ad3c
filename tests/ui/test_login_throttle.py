"""Wrong UI passwords cost more and more time per client, so guessing at machine speed stops."""

from __future__ import annotations

import threading

import pytest

from ui.login_throttle import FREE_FAILURES, MAX_CLIENTS, MAX_WAIT_S, LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("failures", [1, FREE_FAILURES, FREE_FAILURES + 1, FREE_FAILURES + 5, 40])
def test_waits_grow_with_failures_and_are_capped(failures: int) -> None:
    throttle = LoginThrottle(clock=Clock())
    waits = [throttle.failed("10.0.0.9") for _ in range(failures)]
    assert waits[: FREE_FAILURES - 1] == [0.0] * min(failures, FREE_FAILURES - 1), "a typo costs nothing"
    assert waits == sorted(waits) and max(waits) <= MAX_WAIT_S
    if failures >= 40:
        assert throttle.wait_s("10.0.0.9") == MAX_WAIT_S


def test_two_hundred_guesses_cannot_run_at_machine_speed() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    checked = 0
    for _ in range(200):
        clock.now += 0.1  # 10 guesses a second
        if throttle.wait_s("attacker") == 0:
            checked += 1
            throttle.failed("attacker")
    assert checked < 10, f"{checked} of 200 guesses were checked in 20 s"


def test_clients_are_independent_and_a_right_password_clears_the_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(FREE_FAILURES + 2):
        throttle.failed("attacker")
    assert throttle.wait_s("attacker") > 0 and throttle.wait_s("colleague") == 0
    clock.now += MAX_WAIT_S
    throttle.succeeded("attacker")
    assert throttle.wait_s("attacker") == 0 and throttle.failed("attacker") == 0


def test_the_table_is_bounded_and_thread_safe() -> None:
    throttle = LoginThrottle(clock=Clock())
    threads = [
        threading.Thread(target=lambda n=n: [throttle.failed(f"c{n}-{i}") for i in range(300)])
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert throttle.tracked() <= MAX_CLIENTS
