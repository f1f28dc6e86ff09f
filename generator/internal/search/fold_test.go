package search

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"rdjy.local/portal/generator/internal/hant"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"七里河 七裡河 七裏河", "七里河 七里河 七里河"},
		{"关于 關於 关於", "关于 关于 关于"},
		{"干部 幹部 乾淨 干净", "干部 干部 干净 干净"},
		{"余文 餘文", "余文 余文"},
		{"阶段性工作，正在", "阶段性工作,正在"},
		{"２０２１－０１５", "2021-015"},
		{"ＡＢＣ abc ABC", "abc abc abc"},
		{"停车　问题", "停车 问题"},
		{"😀 𫔀", "😀 𫔀"},
	} {
		if got := Canonical(c.in); got != c.want {
			t.Errorf("Canonical(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := string(Variants('里')); !strings.Contains(got, "裡") || !strings.Contains(got, "裏") {
		t.Errorf("Variants(里) = %q", got)
	}
}

// TestFoldKeepsLength checks that folding keeps a character's length in
// UTF-16, on which the script's highlighting relies.
func TestFoldKeepsLength(t *testing.T) {
	for i, r := range variantFrom {
		if utf16.RuneLen(r) != utf16.RuneLen(variantTo[i]) {
			t.Errorf("%c (%U) folds to %c (%U)", r, r, variantTo[i], variantTo[i])
		}
		if Fold(variantTo[i]) != variantTo[i] {
			t.Errorf("%c folds to %c, which folds further", r, variantTo[i])
		}
	}
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		if f := Fold(r); f >= 0x80 || utf16.RuneLen(f) != 1 {
			t.Errorf("%c folds to %c", r, f)
		}
	}
}

// dictionary reads one of OpenCC's dictionaries from the module go.mod
// names: each line's key and its values.
func dictionary(t *testing.T, name string) [][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/longbridgeapp/opencc").Output()
	if err != nil {
		t.Fatalf("finding OpenCC's module: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "dictionary", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, values, _ := strings.Cut(sc.Text(), "\t")
		lines = append(lines, append([]string{key}, strings.Fields(values)...))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestFoldAgreesWithOpenCC checks that every form OpenCC's tables give a
// character or a phrase folds as the character or phrase does: then a
// query finds the same suggestions on the Simplified page and on the
// Traditional one, whatever form the query, the text and its conversion
// use (except the few rare characters outside the Basic Multilingual Plane
// whose other form is inside it). Characters with several Traditional forms (里 → 裏 里, 于 → 於 于,
// 干 → 幹 乾 干) are the cases that matter.
func TestFoldAgreesWithOpenCC(t *testing.T) {
	oneToMany := 0
	for _, name := range []string{"STCharacters", "TSCharacters", "TWVariants", "TWVariantsRev", "HKVariants", "HKVariantsRev", "STPhrases"} {
		for _, l := range dictionary(t, name) {
			if name == "STCharacters" && len(l) > 2 {
				oneToMany++
			}
			for _, v := range l[1:] {
				if len([]rune(v)) != len([]rune(l[0])) || len(utf16.Encode([]rune(v))) != len(utf16.Encode([]rune(l[0]))) {
					continue // a rare character outside the BMP: see mkfold.go
				}
				if Canonical(v) != Canonical(l[0]) {
					t.Errorf("%s: %s → %s, but they fold to %s and %s", name, l[0], v, Canonical(l[0]), Canonical(v))
				}
			}
		}
	}
	if oneToMany < 100 {
		t.Errorf("only %d characters of STCharacters have several Traditional forms", oneToMany)
	}
}

// TestFoldAgreesWithPages checks the conversion of the Traditional pages
// (hant.Text, OpenCC's s2tw) against folding, for every character OpenCC
// converts and every phrase of its dictionary, the way the pages convert
// them in running text.
func TestFoldAgreesWithPages(t *testing.T) {
	var chars, phrases []string
	for _, l := range dictionary(t, "STCharacters") {
		chars = append(chars, l[0])
	}
	for _, l := range dictionary(t, "STPhrases") {
		phrases = append(phrases, l[0])
	}
	for _, set := range [][]string{chars, phrases} {
		for _, s := range set {
			tw, err := hant.Text(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(utf16.Encode([]rune(tw))) == len(utf16.Encode([]rune(s))) && Canonical(tw) != Canonical(s) {
				t.Errorf("%s is %s on the Traditional pages, but they fold to %s and %s", s, tw, Canonical(s), Canonical(tw))
			}
		}
	}
}

func TestFoldTable(t *testing.T) {
	table := FoldTable(func(yield func(string) bool) {
		yield("七里河 停车 ｘ")
	})
	if table["裡"] != "里" || table["裏"] != "里" || table["車"] != "车" || table["停"] != "" || table["里"] != "" || table["ｘ"] != "" {
		t.Errorf("table: %v", table)
	}
	for k, v := range table {
		if Fold([]rune(k)[0]) != []rune(v)[0] {
			t.Errorf("table: %s → %s, but Fold gives %c", k, v, Fold([]rune(k)[0]))
		}
	}
}
