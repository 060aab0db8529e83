//go:build race

package learning

// raceEnabled reports that the race detector is on; statistical tests then
// use smaller runs (the detector slows the loop about tenfold).
const raceEnabled = true
