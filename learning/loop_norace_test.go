//go:build !race

package learning

const raceEnabled = false
