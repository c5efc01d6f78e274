"""Small-number suppression for district tables, so that no child can be singled out.

A table is the schools (rows) × the values of one group (columns, e.g. the categories), with
each school's total at the end of its row and the district's totals as a last row. Every
group is a partition of the appeals, so a school's row adds up to its total.

The rule:

1. Primary: a school's cell from 1 to 4 is shown as "<5". Zero is shown as 0 (no one to single
   out), and 5 or more as it is.
2. Complementary: a row or a column with exactly one hidden cell gives that cell away (total
   minus the others), so one more cell of that row or column is hidden: the smallest one
   above zero, or a zero if nothing else is left. A column's district total counts as a cell
   of that column and is hidden only when no school cell is left to hide (a district of one
   school). Complementary cells are shown as "x" (not "<5": they may be large).
3. No bridge: a hidden cell can still be worked out by adding and subtracting whole rows and
   columns when it is the only link between two groups of hidden cells (in graph terms, a
   bridge of the bipartite graph whose nodes are rows and columns and whose edges are the
   hidden cells). Such a cell gets a companion: the smallest visible cell joining the two
   groups, which puts it on a cycle.
4. No dead end: counts cannot go below zero, so a cycle through zeros may still pin a cell
   (a 4 whose row and column hold only zeros). Every hidden cell is checked for a way one unit
   can travel around the hidden cells keeping every shown figure; a cell without one gets a
   companion in its row or column, the smallest above zero first.
5. Repeat 2 to 4 until nothing changes. Column totals are shown unless rule 2 needed one.

A school's total is a cell too (`row_totals=True`, as the district pages use it): a total from
1 to 4 gives a tiny school's count away as well as any cell would, so it is hidden by the same
rules — "<5" from 1 to 4, "x" as a companion, chosen after the school cells. The totals are a
column whose district total is the grand total; that one is hidden only when rule 2 leaves no
other choice (a district of one school). Every group of a page shows the same totals, so
`suppressed_groups` hides a total in every group once one group hides it, and suppresses again.

With a unit able to travel around a cycle through every hidden cell, another table of
non-negative counts shows exactly the same figures, so subtraction never gives a hidden
value back. The tests
check this exhaustively on random tables. Known limit: an attacker who also uses that "<5"
means 1–4 can narrow a cell to a range, and in rare tables pin it (two "<5" cells in a row
whose hidden sum is 2 are both 1): the rule guards against subtraction, not against every
inference; that is the usual standard for published statistics, and figures under 5 appear
only as "<5" anyway.
"""

PRIMARY, COMPLEMENT = "primary", "complement"
LOW, HIGH = 1, 4


def suppress(
    cells: list[list[int]], row_totals: bool = False, forced: frozenset = frozenset()
) -> dict[tuple[int, int], str]:
    """Hidden cells of a table: {(row, column): PRIMARY | COMPLEMENT}. Row `len(cells)` is the
    column totals row (its cells are the district totals of each column). With `row_totals`,
    column `len(cells[0])` holds the schools' totals and (n, m) the grand total; `forced` rows
    have their total hidden whatever its size (another group of the page hides it)."""
    n = len(cells)
    m = len(cells[0]) if cells else 0
    if not n or not m:
        return {}
    totals = [sum(row[j] for row in cells) for j in range(m)]
    value = {(i, j): cells[i][j] for i in range(n) for j in range(m)}
    value.update({(n, j): totals[j] for j in range(m)})
    if row_totals:
        value.update({(i, m): sum(cells[i]) for i in range(n)})
        value[(n, m)] = sum(totals)
    hidden = {(i, j): PRIMARY for (i, j), v in value.items() if i < n and LOW <= v <= HIGH}
    for i in forced:
        if value.get((i, m)):
            hidden.setdefault((i, m), COMPLEMENT)
    if not hidden:
        return {}
    # A school with no appeals has nothing to hide and nothing to hide behind: its zeros are
    # known from its total, so they are never chosen as companions.
    empty_rows = {i for i in range(n) if not any(cells[i])}
    value = {c: v for c, v in value.items() if c[0] not in empty_rows}

    def rank(cell):
        # School cells before a total; the smallest above zero first; zeros last; the grand
        # total only when nothing else is left.
        v = value[cell]
        return (cell == (n, m), cell[0] == n or cell[1] == m, v == 0, v, cell)

    changed = True
    while changed:
        changed = False
        width = m + 1 if row_totals else m
        lines = [[(i, j) for j in range(width)] for i in range(n + 1)]
        lines += [[(i, j) for i in range(n + 1)] for j in range(width)]
        for line in lines:
            if sum(c in hidden for c in line) == 1:
                free = [c for c in line if c not in hidden and c in value]
                if free:
                    hidden[min(free, key=rank)] = COMPLEMENT
                    changed = True
        if changed:
            continue
        bridge = _find_bridge(hidden)
        if bridge:
            side = _side(hidden, bridge)
            candidates = [
                c
                for c in value
                if c not in hidden and ((("r", c[0]) in side) != (("c", c[1]) in side))
            ]
            hidden[min(candidates, key=rank)] = COMPLEMENT
            changed = True
            continue
        for cell in sorted(hidden):
            if not _can_change(cell, hidden, value, n, m):
                candidates = [
                    c for c in value if c not in hidden and (c[0] == cell[0] or c[1] == cell[1])
                ]
                if candidates:
                    hidden[
                        min(
                            candidates,
                            key=lambda c: (
                                c == (n, m),
                                value[c] == 0,
                                c[0] == n or c[1] == m,
                                value[c],
                            ),
                        )
                    ] = COMPLEMENT
                    changed = True
                    break
    return hidden


def _flipped(cell, n, m):
    """A total sits on the other side of one equation (a district total of its column's, a
    school's total of its row's): a unit moves through it the other way round. The grand total
    sits on the other side of both, so it moves like a school cell."""
    return (cell[0] == n) != (cell[1] == m)


def _arcs(hidden, value, n, m, skip):
    """Directed moves of one unit around the hidden cells. A school cell may always grow
    (row → column) and may shrink only from 1 up (column → row); a total the other way round."""
    out = {}
    for i, j in hidden:
        if (i, j) == skip:
            continue
        r, c, v = ("r", i), ("c", j), value[(i, j)]
        up, down = (v >= 1, True) if _flipped((i, j), n, m) else (True, v >= 1)
        if up:
            out.setdefault(r, []).append(c)
        if down:
            out.setdefault(c, []).append(r)
    return out


def _reaches(arcs, start, goal):
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in arcs.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _can_change(cell, hidden, value, n, m):
    """Could another table of non-negative counts, with every shown figure the same, give this
    cell another value? Yes exactly when one unit can travel around a cycle through it."""
    arcs = _arcs(hidden, value, n, m, skip=cell)
    r, c, v = ("r", cell[0]), ("c", cell[1]), value[cell]
    up, down = (v >= 1, True) if _flipped(cell, n, m) else (True, v >= 1)
    return (up and _reaches(arcs, c, r)) or (down and _reaches(arcs, r, c))


def _graph(hidden, skip=None):
    adjacent = {}
    for i, j in hidden:
        if (i, j) == skip:
            continue
        adjacent.setdefault(("r", i), set()).add(("c", j))
        adjacent.setdefault(("c", j), set()).add(("r", i))
    return adjacent


def _side(hidden, bridge):
    """The nodes still reachable from the bridge's row once the bridge is taken out."""
    adjacent = _graph(hidden, skip=bridge)
    start = ("r", bridge[0])
    seen, stack = {start}, [start]
    while stack:
        for nxt in adjacent.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _find_bridge(hidden):
    """A hidden cell that lies on no cycle, or None. Tables are small (schools of a district ×
    a dozen columns), so the plain test — is the row still reachable from the column without
    this edge? — is enough."""
    for cell in sorted(hidden):
        if ("c", cell[1]) not in _side(hidden, cell):
            return cell
    return None


def shown(value: int, mark: str | None) -> str | int:
    if mark == PRIMARY:
        return "<5"
    if mark == COMPLEMENT:
        return "x"
    return value


def suppressed_table(cells: list[list[int]]):
    """(rows as shown, the totals row as shown): values or "<5" / "x"."""
    hidden = suppress(cells)
    n = len(cells)
    rows = [
        [shown(v, hidden.get((i, j))) for j, v in enumerate(row)] for i, row in enumerate(cells)
    ]
    m = len(cells[0]) if cells else 0
    totals = [sum(row[j] for row in cells) for j in range(m)]
    total_row = [shown(v, hidden.get((n, j))) for j, v in enumerate(totals)]
    return rows, total_row


def suppressed_groups(tables: list[list[list[int]]]):
    """Several tables of the same schools (one per group) with each school's total: [(rows,
    totals column, totals row, grand total)] as shown. A total hidden in one group is hidden
    in every group, since each group shows the same totals; suppress again until none moves."""
    forced: set[int] = set()
    while True:
        marks = [suppress(cells, row_totals=True, forced=frozenset(forced)) for cells in tables]
        n = len(tables[0]) if tables else 0
        hidden_totals = {
            i
            for cells, hidden in zip(tables, marks, strict=True)
            for (i, j) in hidden
            if cells and j == len(cells[0])
        }
        if hidden_totals <= forced:
            break
        forced |= hidden_totals
    out = []
    for cells, hidden in zip(tables, marks, strict=True):
        m = len(cells[0]) if cells else 0
        totals = [sum(row[j] for row in cells) for j in range(m)]
        grand = sum(totals)
        rows = [
            [shown(v, hidden.get((i, j))) for j, v in enumerate(row)] for i, row in enumerate(cells)
        ]
        row_totals = [
            shown(
                sum(row), hidden.get((i, m)) or (COMPLEMENT if i in forced and sum(row) else None)
            )
            for i, row in enumerate(cells)
        ]
        total_row = [shown(v, hidden.get((n, j))) for j, v in enumerate(totals)]
        grand_shown = shown(grand, COMPLEMENT if any((n, m) in h for h in marks) else None)
        out.append((rows, row_totals, total_row, grand_shown))
    return out
