// Package residents holds the browser tests of what residents see (issue
// 15): the first screen on a 360 px phone, the header and its 栏目 menu,
// the notice, suggestions as cards, charts sized with the text, the
// search page's 筛选 control, and print, in both scripts and with 适老化
// on and off, on the demo and on a generated site. The tests are in
// residents_test.go and testdata/residents.mjs; the package has no code.
package residents
