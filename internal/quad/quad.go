// Package quad holds the quadrature rules and special functions the learning
// package needs: Gauss–Legendre nodes and weights with their cumulative
// (indefinite-integral) matrix, and the regularized incomplete beta function
// (also from logit coordinates) and its inverse. Everything is a pure
// function of its arguments; nothing here allocates except the rule
// constructor.
package quad

import (
	"math"

	"github.com/connectedstrategy/connected/internal/num"
)

// Rule is an m-point Gauss–Legendre rule on [−1, 1] with its cumulative
// matrix: for a polynomial f of degree < m,
//
//	∫_{−1}^{1} f = Σ_j W[j]·f(X[j])
//	∫_{−1}^{X[i]} f = Σ_j C[i*m+j]·f(X[j])
//
// exactly (up to rounding). A Rule is immutable after construction and may
// be shared freely.
type Rule struct {
	X, W []float64 // nodes (ascending) and weights
	C    []float64 // m×m row-major cumulative matrix
}

// Legendre returns the m-point Gauss–Legendre rule, m ≥ 1, with nodes found
// by Newton's method on P_m from the Tricomi initial guesses (Press et al.,
// Numerical Recipes 3rd ed. §4.6), and the cumulative matrix built from the
// discrete orthogonality of Legendre polynomials on the nodes:
//
//	L_j(t) = W_j Σ_{n<m} (2n+1)/2 · P_n(X_j) P_n(t)
//	∫_{−1}^{x} P_0 = x+1,  ∫_{−1}^{x} P_n = (P_{n+1}(x) − P_{n−1}(x))/(2n+1)
func Legendre(m int) Rule {
	x := make([]float64, m)
	w := make([]float64, m)
	for i := range (m + 1) / 2 {
		z := math.Cos(math.Pi * (float64(i) + 0.75) / (float64(m) + 0.5))
		var pp float64
		for range 100 {
			p, dp := legendreP(m, z)
			pp = dp
			z1 := z
			z = z1 - p/dp
			if math.Abs(z-z1) <= 1e-15 {
				_, pp = legendreP(m, z)
				break
			}
		}
		x[i], x[m-1-i] = -z, z
		w[i] = 2 / ((1 - z*z) * pp * pp)
		w[m-1-i] = w[i]
	}
	c := make([]float64, m*m)
	pj := make([]float64, m+1)
	pi := make([]float64, m+1)
	for i := range m {
		legendreAll(pi, x[i])
		for j := range m {
			legendreAll(pj, x[j])
			s := (x[i] + 1) / 2
			for n := 1; n < m; n++ {
				s += 0.5 * pj[n] * (pi[n+1] - pi[n-1])
			}
			c[i*m+j] = w[j] * s
		}
	}
	return Rule{X: x, W: w, C: c}
}

// legendreP returns P_m(z) and P_m'(z).
func legendreP(m int, z float64) (p, dp float64) {
	p1, p2 := 1.0, 0.0
	for j := 1; j <= m; j++ {
		p3 := p2
		p2 = p1
		p1 = ((2*float64(j)-1)*z*p2 - (float64(j)-1)*p3) / float64(j)
	}
	return p1, float64(m) * (z*p1 - p2) / (z*z - 1)
}

// legendreAll fills p[n] = P_n(z) for n < len(p).
func legendreAll(p []float64, z float64) {
	p[0] = 1
	if len(p) > 1 {
		p[1] = z
	}
	for n := 2; n < len(p); n++ {
		p[n] = ((2*float64(n)-1)*z*p[n-1] - (float64(n)-1)*p[n-2]) / float64(n)
	}
}

// RegIncBeta returns the regularized incomplete beta function
//
//	I_x(a, b) = (1/B(a,b)) ∫_0^x t^(a−1) (1−t)^(b−1) dt
//
// for a, b > 0 and x in [0, 1], by the continued fraction of DLMF 8.17.22
// evaluated with the modified Lentz method (Numerical Recipes 3rd ed. §6.4),
// using I_x(a,b) = 1 − I_{1−x}(b,a) where the fraction converges slowly.
// Relative accuracy is about 1e-14 for a, b ≤ 1e6. x outside [0,1] is
// clamped; the caller checks a and b.
func RegIncBeta(a, b, x float64) float64 {
	if !(x > 0) {
		return 0
	}
	if x >= 1 {
		return 1
	}
	lbt := a*math.Log(x) + b*math.Log1p(-x) - num.LogBeta(a, b)
	if x < (a+1)/(a+b+2) {
		return math.Exp(lbt) * betacf(a, b, x) / a
	}
	return 1 - math.Exp(lbt)*betacf(b, a, 1-x)/b
}

// RegIncBetaLogit returns I_x(a, b) at x = 1/(1+e^(−t)), computing log x and
// log(1−x) directly from t so that the result stays accurate when x
// underflows (t ≪ −745) or rounds to 1 (t ≫ 37). a, b > 0; the caller checks.
func RegIncBetaLogit(a, b, t float64) float64 {
	if math.IsInf(t, -1) {
		return 0
	}
	if math.IsInf(t, 1) {
		return 1
	}
	lx, l1x := LogSigmoid(t), LogSigmoid(-t)
	x, y := math.Exp(lx), math.Exp(l1x)
	lbt := a*lx + b*l1x - num.LogBeta(a, b)
	if x < (a+1)/(a+b+2) {
		return math.Exp(lbt) * betacf(a, b, x) / a
	}
	return 1 - math.Exp(lbt)*betacf(b, a, y)/b
}

// LogSigmoid returns log(1/(1+e^(−t))) without overflow or cancellation.
func LogSigmoid(t float64) float64 {
	if t >= 0 {
		return -math.Log1p(math.Exp(-t))
	}
	return t - math.Log1p(math.Exp(t))
}

// betacf evaluates the continued fraction for I_x(a, b).
func betacf(a, b, x float64) float64 {
	const fpmin = 1e-300
	const eps = 1e-16
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < fpmin {
		d = fpmin
	}
	d = 1 / d
	h := d
	maxit := 200 + int(10*math.Sqrt(math.Max(a, b)))
	for m := 1; m <= maxit; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < fpmin {
			d = fpmin
		}
		c = 1 + aa/c
		if math.Abs(c) < fpmin {
			c = fpmin
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < fpmin {
			d = fpmin
		}
		c = 1 + aa/c
		if math.Abs(c) < fpmin {
			c = fpmin
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < eps {
			break
		}
	}
	return h
}

// InvRegIncBeta returns x in [0, 1] with I_x(a, b) = p, for a, b > 0 and p in
// [0, 1], by bisection safeguarded Newton iteration on the monotone I_x
// (at most 200 steps; absolute accuracy about 1e-13 in x).
func InvRegIncBeta(a, b, p float64) float64 {
	if !(p > 0) {
		return 0
	}
	if p >= 1 {
		return 1
	}
	lo, hi := 0.0, 1.0
	x := a / (a + b)
	lb := num.LogBeta(a, b)
	for range 200 {
		f := RegIncBeta(a, b, x) - p
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		if hi-lo <= 1e-15*hi || f == 0 {
			break
		}
		dens := math.Exp((a-1)*math.Log(x) + (b-1)*math.Log1p(-x) - lb)
		nx := x - f/dens
		if !(nx > lo && nx < hi) || dens == 0 {
			nx = (lo + hi) / 2
		}
		if math.Abs(nx-x) < 1e-15*math.Max(x, 1e-300) {
			x = nx
			break
		}
		x = nx
	}
	return x
}
