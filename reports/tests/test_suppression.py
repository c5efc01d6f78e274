import itertools
import random
import time

from django.test import SimpleTestCase

from reports.suppression import (
    COMPLEMENT,
    PRIMARY,
    _bridges,
    _can_change,
    suppress,
    suppressed_table,
)


def feasible_values(cells, hidden):
    """Every value each hidden cell can take in a table of non-negative integers that shows
    the same visible cells, the same school totals and the same visible district totals."""
    n, m = len(cells), len(cells[0])
    row_totals = [sum(r) for r in cells]
    col_totals = [sum(r[j] for r in cells) for j in range(m)]
    shown_col = {j: col_totals[j] for j in range(m) if (n, j) not in hidden}
    per_row = []
    for i in range(n):
        free = [j for j in range(m) if (i, j) in hidden]
        rest = row_totals[i] - sum(cells[i][j] for j in range(m) if j not in free)
        options = [
            combo
            for combo in itertools.product(range(rest + 1), repeat=len(free))
            if sum(combo) == rest
        ]
        per_row.append((free, options))
    seen = {cell: set() for cell in hidden}
    for choice in itertools.product(*(options for _free, options in per_row)):
        table = [row[:] for row in cells]
        for (free, _o), combo in zip(per_row, choice, strict=True):
            for j, v in zip(free, combo, strict=True):
                table[i_of(per_row, free)][j] = v
        sums = [sum(r[j] for r in table) for j in range(m)]
        if any(sums[j] != v for j, v in shown_col.items()):
            continue
        for i, j in hidden:
            seen[(i, j)].add(sums[j] if i == n else table[i][j])
    return seen


def i_of(per_row, free):
    for i, (f, _o) in enumerate(per_row):
        if f is free:
            return i
    raise AssertionError


class SuppressionTests(SimpleTestCase):
    def test_small_numbers_are_shown_as_less_than_five_and_zero_as_zero(self):
        rows, total_row = suppressed_table([[3, 0, 9], [6, 0, 8], [7, 0, 5]])
        self.assertEqual(rows[0][0], "<5")
        self.assertEqual(rows[0][1], 0)
        self.assertEqual(total_row, [16, 0, 22])
        # The 3 alone in its row and column would be given away: companions are hidden.
        self.assertIn("x", rows[0])
        self.assertIn("x", [r[0] for r in rows])

    def test_nothing_is_hidden_when_no_figure_is_small(self):
        self.assertEqual(suppress([[0, 5], [12, 0]]), {})

    def test_complementary_suppression_cannot_be_undone_by_subtraction(self):
        rng = random.Random(4)
        checked = 0
        for _ in range(200):
            n, m = rng.randint(1, 4), rng.randint(2, 4)
            cells = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9]) for _ in range(m)] for _ in range(n)]
            hidden = suppress(cells)
            if not hidden or sum(map(sum, cells)) > 24:
                continue
            for (i, j), mark in hidden.items():
                if i < n:
                    self.assertEqual(mark == PRIMARY, 1 <= cells[i][j] <= 4)
                else:
                    self.assertEqual(mark, COMPLEMENT)
            for cell, values in feasible_values(cells, hidden).items():
                self.assertGreater(len(values), 1, f"{cell} of {cells} is given away: {hidden}")
            checked += 1
        self.assertGreater(checked, 30)

    def test_a_district_of_one_school_hides_the_district_totals_it_must(self):
        rows, total_row = suppressed_table([[2, 7, 0]])
        self.assertEqual(rows[0][0], "<5")
        self.assertIn("x", total_row)


def feasible_with_totals(cells, hidden):
    """Like feasible_values, with the schools' totals (column m) and the grand total (n, m)
    as figures that may be hidden too."""
    n, m = len(cells), len(cells[0])
    grand = sum(map(sum, cells))
    col_totals = [sum(r[j] for r in cells) for j in range(m)]
    per_row = []
    for i in range(n):
        free = [j for j in range(m) if (i, j) in hidden]
        fixed = sum(cells[i][j] for j in range(m) if j not in free)
        options = [
            combo
            for combo in itertools.product(range(grand + 1), repeat=len(free))
            if ((i, m) in hidden and fixed + sum(combo) <= grand)
            or ((i, m) not in hidden and fixed + sum(combo) == sum(cells[i]))
        ]
        per_row.append((free, options))
    seen = {cell: set() for cell in hidden}
    for choice in itertools.product(*(options for _free, options in per_row)):
        table = [row[:] for row in cells]
        for i, ((free, _o), combo) in enumerate(zip(per_row, choice, strict=True)):
            for j, v in zip(free, combo, strict=True):
                table[i][j] = v
        sums = [sum(r[j] for r in table) for j in range(m)]
        if any(sums[j] != col_totals[j] for j in range(m) if (n, j) not in hidden):
            continue
        if (n, m) not in hidden and sum(sums) != grand:
            continue
        for i, j in hidden:
            if i == n and j == m:
                seen[(i, j)].add(sum(sums))
            elif i == n:
                seen[(i, j)].add(sums[j])
            elif j == m:
                seen[(i, j)].add(sum(table[i]))
            else:
                seen[(i, j)].add(table[i][j])
    return seen


class SchoolTotalsTests(SimpleTestCase):
    def test_a_tiny_schools_total_is_suppressed_like_its_cells(self):
        hidden = suppress([[2, 1], [9, 7], [6, 8]], row_totals=True)
        self.assertEqual(hidden[(0, 2)], PRIMARY)
        self.assertIn((0, 0), hidden)
        # The grand total and the other totals would give the tiny total away: a companion.
        self.assertEqual(sum(1 for (i, j) in hidden if j == 2), 2)

    def test_hidden_totals_cannot_be_worked_out_by_subtraction(self):
        rng = random.Random(17)
        checked = 0
        for _ in range(300):
            n, m = rng.randint(1, 3), rng.randint(2, 3)
            cells = [[rng.choice([0, 0, 1, 2, 3, 5, 6]) for _ in range(m)] for _ in range(n)]
            hidden = suppress(cells, row_totals=True)
            free = sum(1 for (i, j) in hidden if i < n and j < m)
            if not hidden or sum(map(sum, cells)) > 9 or free > 5:
                continue
            for cell, values in feasible_with_totals(cells, hidden).items():
                self.assertGreater(len(values), 1, f"{cell} of {cells} is given away: {hidden}")
            checked += 1
        self.assertGreater(checked, 20)


class LargeDistrictTests(SimpleTestCase):
    def test_a_large_district_takes_time_in_proportion_and_hides_nothing_that_can_be_undone(self):
        rng = random.Random(8)
        n, m = 400, 6
        cells = [[rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 40]) for _ in range(m)] for _ in range(n)]
        started = time.perf_counter()
        hidden = suppress(cells, row_totals=True)
        self.assertLess(
            time.perf_counter() - started, 1.0
        )  # 400 schools: seconds before, as the rules were quadratic
        totals = [sum(row[j] for row in cells) for j in range(m)]
        value = {(i, j): cells[i][j] for i in range(n) for j in range(m)}
        value.update({(n, j): totals[j] for j in range(m)})
        value.update({(i, m): sum(cells[i]) for i in range(n)})
        value[(n, m)] = sum(totals)
        self.assertEqual(_bridges(hidden), [])
        for cell in hidden:
            # The slow walk of rule 4, cell by cell: a unit can travel through each.
            self.assertTrue(_can_change(cell, hidden, value, n, m), cell)
