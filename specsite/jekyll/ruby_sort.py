"""Ruby's Array#sort with a block, in the order Ruby compares: where a comparison is no total
order (Liquid's nil_safe_casecmp, numbers beside strings) the result depends on it."""
from __future__ import annotations


def ruby_sort(items: list, cmp) -> list:
    """Ruby's Array#sort with a block, as it runs on Linux: ruby_qsort is glibc's qsort_r, a
    top-down merge sort (msort.c: the first n/2 items and the rest, each sorted, then merged
    taking the left item while cmp(left, right) <= 0). Stable, so for a comparison that is a
    total order Python's sorted gives the same; this is for one that is not (Liquid's
    sort_natural on two nils: 1 either way)."""
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    left, right = ruby_sort(items[:half], cmp), ruby_sort(items[half:], cmp)
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if cmp(left[i], right[j]) <= 0:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged
