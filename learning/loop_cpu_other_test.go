//go:build !unix

package learning

// cpuSeconds is unavailable here; benchmarks then omit the per-CPU metric.
func cpuSeconds() float64 { return 0 }
