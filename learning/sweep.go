package learning

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/internal/rng"
	"github.com/connectedstrategy/connected/internal/summary"
)

// SweepConfig tunes [Sweep]. Every zero field means its default.
type SweepConfig struct {
	// Replications is the number of runs per point, each with its own
	// seed rng.Stream(point.Seed, r) for r = 0, 1, …, in [1, 1e6]; 0 means 10.
	Replications int
	// Aggregate runs the aggregate model ([Aggregate]) instead of the
	// agent-based loop, with Representatives per segment (0 means
	// DefaultRepresentatives).
	Aggregate       bool
	Representatives int
	// Quantiles are the levels reported for every statistic, each in
	// [0,1]; nil means {0.05, 0.5, 0.95}.
	Quantiles []float64
	// Workers is the number of runs in flight, ≥ 0; 0 means
	// runtime.GOMAXPROCS(0). Each agent-based run then uses one goroutine.
	// Results do not depend on it.
	Workers int
}

// A Summary describes one statistic over replications.
type Summary struct {
	Mean      float64   // mean over replications
	SD        float64   // sample standard deviation (0 for one replication)
	Quantiles []float64 // at SweepConfig.Quantiles, Hyndman & Fan type 7
}

// A PeriodSummary describes one period over replications.
type PeriodSummary struct {
	Period                                                 int
	Active, Delight, Trust, Accuracy, Data, Profit, Regret Summary
}

// ReplicationSeed returns the seed of replication r of a point whose
// LoopConfig has seed seed: rng.Stream(seed, r), so every replication has
// an independent stream derived from the point's seed.
func ReplicationSeed(seed uint64, r int) uint64 { return rng.Stream(seed, uint64(r)) }

// Sweep runs every point of points sc.Replications times (replication r
// with seed ReplicationSeed(point.Seed, r)) and returns, per point, a
// PeriodSummary for each period. progress, if not nil, is called from the
// calling goroutine after each run with the runs done and the total.
//
// Runs go to sc.Workers goroutines and results are gathered by (point,
// replication), so the output is the same for any Workers. Errors: an empty
// points (ErrEmpty), invalid sc fields, and the first invalid point's
// LoopConfig.Validate() error, with fields prefixed "points[i].".
func Sweep(points []LoopConfig, sc SweepConfig, progress func(done, total int)) ([][]PeriodSummary, error) {
	const op = "learning.Sweep"
	if len(points) == 0 {
		return nil, connected.NewFieldError(op, "points", 0, connected.ErrEmpty)
	}
	if sc.Replications == 0 {
		sc.Replications = 10
	}
	if sc.Quantiles == nil {
		sc.Quantiles = []float64{0.05, 0.5, 0.95}
	}
	if sc.Workers == 0 {
		sc.Workers = runtime.GOMAXPROCS(0)
	}
	var errs check.Errs
	if sc.Replications < 1 || sc.Replications > 1e6 {
		errs.Add(connected.NewFieldError(op, "Replications", sc.Replications, connected.ErrOutOfRange))
	}
	if sc.Representatives < 0 || sc.Representatives > 1e4 {
		errs.Add(connected.NewFieldError(op, "Representatives", sc.Representatives, connected.ErrOutOfRange))
	}
	if sc.Workers < 1 || sc.Workers > maxWorkers {
		errs.Add(connected.NewFieldError(op, "Workers", sc.Workers, connected.ErrOutOfRange))
	}
	for i, q := range sc.Quantiles {
		errs.Add(check.Unit(op, "Quantiles["+strconv.Itoa(i)+"]", q))
	}
	for i, p := range points {
		if err := p.Validate(); err != nil {
			errs.Add(connected.NewFieldError(op, "points["+strconv.Itoa(i)+"]", "invalid", err))
			break
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	n := len(points) * sc.Replications
	hs := make([]History, n)
	runErr := make([]error, n)
	var next atomic.Int64
	done := make(chan struct{}, n)
	var wg sync.WaitGroup
	for range min(sc.Workers, n) {
		wg.Go(func() {
			for {
				j := int(next.Add(1) - 1)
				if j >= n {
					return
				}
				cfg := points[j/sc.Replications]
				cfg.Seed = ReplicationSeed(cfg.Seed, j%sc.Replications)
				if sc.Aggregate {
					hs[j], runErr[j] = Aggregate(cfg, sc.Representatives)
				} else {
					cfg.Workers = 1
					hs[j], runErr[j] = Simulate(cfg, nil)
				}
				done <- struct{}{}
			}
		})
	}
	for i := range n {
		<-done
		if progress != nil {
			progress(i+1, n)
		}
	}
	wg.Wait()
	out := make([][]PeriodSummary, len(points))
	for i := range points {
		runs := hs[i*sc.Replications : (i+1)*sc.Replications]
		for r, err := range runErr[i*sc.Replications : (i+1)*sc.Replications] {
			if err != nil {
				return nil, connected.NewFieldError(op, "points["+strconv.Itoa(i)+"]", "replication "+strconv.Itoa(r), err)
			}
		}
		out[i] = Summarize(runs, sc.Quantiles)
	}
	return out, nil
}

// Summarize returns, for each period that every history has, the mean,
// standard deviation and quantiles at levels qs (each in [0,1]; others give
// NaN) of each metric over the histories. It returns nil for no histories.
func Summarize(hs []History, qs []float64) []PeriodSummary {
	if len(hs) == 0 {
		return nil
	}
	periods := len(hs[0].Periods)
	for _, h := range hs {
		periods = min(periods, len(h.Periods))
	}
	out := make([]PeriodSummary, periods)
	xs := make([]float64, len(hs))
	describe := func(t int, m Metric) Summary {
		for i, h := range hs {
			xs[i] = m(h.Periods[t])
		}
		s := summary.Describe(xs, qs)
		return Summary{Mean: s.Mean, SD: s.SD, Quantiles: s.Quantiles}
	}
	for t := range out {
		out[t] = PeriodSummary{
			Period:   t,
			Active:   describe(t, MetricActive),
			Delight:  describe(t, MetricDelight),
			Trust:    describe(t, MetricTrust),
			Accuracy: describe(t, MetricAccuracy),
			Data:     describe(t, MetricData),
			Profit:   describe(t, MetricProfit),
			Regret:   describe(t, MetricRegret),
		}
	}
	return out
}
