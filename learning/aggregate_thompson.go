package learning

import "math"

// Gauss–Hermite rule with 20 nodes for ∫ e^(−x²) f(x) dx (Abramowitz &
// Stegun 25.4.46; nodes and weights from numpy.polynomial.hermite.hermgauss(20)),
// only the non-negative half: the rule is symmetric.
var (
	ghX = [10]float64{
		0.2453407083009012, 0.7374737285453944, 1.2340762153953231, 1.7385377121165861, 2.2549740020892757,
		2.7888060584281305, 3.3478545673832163, 3.9447640401156252, 4.6036824495507442, 5.3874808900112328,
	}
	ghW = [10]float64{
		4.6224366960061009e-01, 2.8667550536283412e-01, 1.0901720602002329e-01, 2.4810520887463611e-02, 3.2437733422378567e-03,
		2.2833863601635319e-04, 7.8025564785320635e-06, 1.0860693707692820e-07, 4.3993409922731805e-10, 2.2293936455341508e-13,
	}
)

// thompsonGauss approximates Thompson sampling's choice probabilities for
// the aggregate model: each eligible arm's Beta posterior is replaced by the
// normal distribution of the same mean and variance, and
//
//	P(k) = ∫ φ(z) Π_{j≠k} Φ((μ_k + σ_k z − μ_j)/σ_j) dz
//
// is integrated by 20-point Gauss–Hermite quadrature, then normalized over
// the eligible arms. It writes p (len(arms)) and allocates nothing. Beta
// posteriors with few pseudo-counts are skewed, so the approximation is
// coarse there (TestThompsonGauss bounds the error); the aggregate model
// applies it to mean posteriors, itself an approximation.
func thompsonGauss(p []float64, arms []Beta, eligible []bool) {
	var mu, sd [MaxArms]float64
	m := 0
	for i, a := range arms {
		p[i] = 0
		if eligible[i] {
			mu[i], sd[i] = a.Mean(), math.Sqrt(a.Var())
			m++
		}
	}
	if m == 1 {
		for i := range arms {
			if eligible[i] {
				p[i] = 1
			}
		}
		return
	}
	total := 0.0
	for k := range arms {
		if !eligible[k] {
			continue
		}
		s := 0.0
		for n := range 2 * len(ghX) {
			x, w := ghX[n/2], ghW[n/2]
			if n%2 == 1 {
				x = -x
			}
			v := mu[k] + sd[k]*math.Sqrt2*x
			prod := w
			for j := range arms {
				if j != k && eligible[j] {
					prod *= 0.5 * math.Erfc(-(v-mu[j])/(sd[j]*math.Sqrt2))
				}
			}
			s += prod
		}
		p[k] = s / math.SqrtPi
		total += p[k]
	}
	if total > 0 {
		for k := range p {
			p[k] /= total
		}
	}
}
