// Package portfolio decides which connected strategies a firm should build and
// whom to serve with each, exactly, at scale, and with reasons.
//
// # Overview
//
// A [Problem] lists strategies (each with a fixed cost, an optional capacity
// and an orientation) and units (customers or weighted segments, each with a
// value per unit of weight under every strategy and the strategies it is
// eligible for). [Solve] chooses the open set and the split of every unit
// over open, eligible strategies that maximise net value — a capacitated
// facility-location problem (Balinski 1965) with a coordination cost per
// extra strategy and a silo cost when both MIT CISR orientations are open —
// and proves the answer with an upper bound. The [Plan] also reports the best
// single-strategy plan ([Focus], CISR's "choose one digital strategy") and the
// best one-size-fits-all plan, so the price of focus and the value of the
// portfolio are visible.
//
// # Determinism
//
// Solve is single-threaded, sums in a fixed order with compensated sums, and
// reads no randomness: the same Problem gives the same Plan bit for bit.
//
// # Errors
//
// Invalid input returns *connected.FieldError values naming the field by its
// JSON path (e.g. "units[3].values[1]"); infeasible problems wrap
// connected.ErrInfeasible and name the unit or the strategies at fault.
package portfolio
