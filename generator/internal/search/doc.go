// Package search holds what the search page and the index it reads agree
// on: how text is folded before it is compared (Fold, Canonical), so that
// a query finds the same suggestions whatever forms of a character,
// Simplified or Traditional, full-width or half-width, the query and the
// text use.
//
// Folding maps one character to one character and never changes the
// length of a string in UTF-16, so static/js/search.js folds a query and a
// text the same way with the table FoldTable gives it, and a match found
// in folded text is highlighted at the same place in the text as shown.
package search
