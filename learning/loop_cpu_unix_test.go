//go:build unix

package learning

import "syscall"

// cpuSeconds returns the user and system CPU time the process has used,
// so benchmarks can report throughput per CPU-second, which a loaded
// machine does not distort as much as wall-clock rates.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
