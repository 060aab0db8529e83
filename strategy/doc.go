// Package strategy defines the vocabulary of connected strategies: the four
// stages of a customer's need, the parties that own them, the five strategy
// kinds, the MIT CISR orientation of each, the data categories a strategy
// needs, and [Strategy], the parameters every other package reads.
//
// [Default] is the canonical catalogue (README, Concepts); its doc says which
// numbers come from the literature and which are modeling choices.
//
// Everything here is a plain value: safe to copy and to share between
// goroutines. Bad input is reported as a *connected.FieldError naming the
// field; nothing here panics on caller data.
package strategy
