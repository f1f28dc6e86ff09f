// Package searchscale tests the search page of a large generated site in
// Chromium: exact results for the test set of queries on both pages, the
// bytes of the index each query transfers, a shard that fails to load, and
// a site of no suggestions. It has no code of its own; the test has a
// package to itself so that its minutes count against no other package's
// time limit.
package searchscale
