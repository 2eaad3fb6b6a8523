"""The plan's target catalogue: complete, verbatim, and in the general format."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.io import catalogue
from analysis import config
from analysis.errors import InputError

PLAN_TEXT = (config.plan_dir() / "plan_text.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def targets():
    return catalogue.load_targets()


def test_every_clause_is_verbatim_from_the_plan(targets):
    for _, r in targets.iterrows():
        assert r["clause"] in PLAN_TEXT, r["id"]


def test_every_value_appears_in_its_clause(targets):
    for _, r in targets.iterrows():
        assert r["value_text"] in r["clause"], r["id"]
        if r["value_text"].endswith("全覆盖"):
            assert r["value"] == 100 and r["unit"] == "%"
        else:
            assert f"{r['value']:g}" in r["value_text"], r["id"]


@pytest.mark.parametrize("ident, value, unit", [
    ("tech_contract_turnover", 1.35, "亿元"),
    ("invention_patents_per_10k", 1.3, "件/万人"),
    ("high_tech_enterprises", 18, "家"),
    ("tech_based_enterprises", 40, "家"),
    ("strategic_emerging_share", 0.7, "%"),
    ("tech_brokers", 3, "人"),
    ("academician_workstations", 3, "个"),
    ("star_innovation_spaces", 4, "个"),
    ("incubated_enterprises", 15, "家"),
    ("major_achievements_transferred", 6, "项"),
    ("enterprise_tech_centres", 6, "家"),
])
def test_key_targets(targets, ident, value, unit):
    row = catalogue.target(targets, ident)
    assert row["value"] == value and row["unit"] == unit and row["comparator"] == ">="


def test_catalogue_is_complete_and_unique(targets):
    assert len(targets) == 21
    assert targets["id"].is_unique
    assert set(targets["kind"]) <= set(catalogue.KINDS)
    assert targets["id"].str.fullmatch(r"[a-z][a-z0-9_]*").all()


def test_missing_deadline_uses_plan_horizon(targets):
    row = catalogue.target(targets, "academician_workstations")
    assert pd.isna(row["deadline"]) and row["deadline_assumed"]
    assert row["deadline_effective"] == config.PLAN_HORIZON
    assert "2020" in catalogue.horizon_note(row, "zh")


def test_minimal_catalogue_of_another_plan(tmp_path):
    p = tmp_path / "other.csv"
    p.write_text("id,name_zh,value,unit,comparator,deadline\n"
                 "rd_intensity,研发投入强度,2.5,%,>=,2025\n"
                 "energy_per_gdp,单位GDP能耗,０.５,吨标准煤/万元,≤,\n", encoding="gb18030")
    t = catalogue.load_targets(p)
    assert list(t["kind"]) == ["share", "ratio"]
    assert t.loc[1, "value"] == 0.5 and t.loc[1, "comparator"] == "<="
    assert not t.loc[1, "higher_is_better"]
    assert t.loc[1, "deadline_effective"] == config.PLAN_HORIZON


def test_bad_catalogue_lists_every_problem(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("id,name_zh,value,unit,comparator,deadline\n"
                 "a,甲,abc,家,>=,2020\n"
                 "a,乙,3,家,=,1999\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        catalogue.load_targets(p)
    assert "bad.csv:2:value: 不是数字：'abc'" in str(e.value)  # Chinese first
    assert "bad.csv:3:comparator: 比较方向须为 >=（不低于）或 <=（不高于），而此处为 '='" in str(e.value)
    text = "\n".join(p.line("en") for p in e.value.problems)  # and in English, as the CLI's --lang en says it
    assert "bad.csv:2:value: not a number: 'abc'" in text
    assert "bad.csv:3:id: duplicate id 'a' (first on row 2)" in text
    assert "bad.csv:3:comparator: must be >= or <=, got '='" in text
    assert "bad.csv:3:deadline:" in text


def test_missing_required_column(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("id,name_zh,value,unit\nx,甲,1,家\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"m.csv:1:comparator: 缺少必需的列"):
        catalogue.load_targets(p)


def test_aliases_are_unambiguous():
    """Each alias names one indicator, is no other indicator's name_zh, and resolves in the intake."""
    from analysis.io.contract import NameIndex, name_key

    t = catalogue.load_targets()
    seen: dict[str, str] = {name_key(n): i for i, n in zip(t["id"], t["name_zh"])}
    for i, aliases in zip(t["id"], t["aliases"]):
        for a in filter(None, (x.strip() for x in aliases.split(";"))):
            assert seen.setdefault(name_key(a), i) == i, a
    names = NameIndex.from_targets(t)
    assert names.resolve("技术合同成交额") == ("tech_contract_turnover", "alias")
    assert names.resolve("每万人发明专利拥有量") == ("invention_patents_per_10k", "name")
    assert names.resolve(" high_tech_enterprises ") == ("high_tech_enterprises", "id")
    assert names.resolve("高新技术企业数量增长") == (None, "")


@pytest.mark.parametrize("written, expected", [
    ("院士（专家）工作站", ("academician_workstations", "alias")),   # brackets around a word
    ("省、市级众创空间", ("maker_spaces", "name")),                  # an enumeration comma
    ("全区高新技术企业数", ("high_tech_enterprises", "name")),        # 全区 before, 数 after
    ("高新技术企业数量", ("high_tech_enterprises", "name")),
    ("战略性新兴产业增加值占全区GDP比重", ("strategic_emerging_share", "alias")),
    ("1、高新技术企业", ("high_tech_enterprises", "name")),           # a list number before the name
    ("（一）高新技术企业", ("high_tech_enterprises", "name")),
    ("技术市场合同交易额（注1）", ("tech_contract_turnover", "alias")),
    ("高新技术企业数量增长", (None, "")),                             # another indicator: never guessed
    ("数", (None, "")), ("全区", (None, "")),
])
def test_a_name_as_tables_write_it_resolves(written, expected):
    from analysis.io.contract import NameIndex

    assert NameIndex.from_targets(catalogue.load_targets()).resolve(written) == expected


@pytest.mark.parametrize("lang, suggestion", [("zh", "tech_contract_turnover（全区技术市场合同交易额）"),
                                              ("en", "tech_contract_turnover (全区技术市场合同交易额)")])
def test_a_suggestion_is_written_in_the_messages_language(lang, suggestion):
    from analysis.io.contract import NameIndex

    assert NameIndex.from_targets(catalogue.load_targets()).suggest("技术市场合同交易额度", lang=lang) == [suggestion]


@pytest.mark.parametrize("lang, header, first", [
    ("zh", ["指标", "目标", "单位", "期限", "类型", "任务", "指标代码"], "省级技术转移示范机构"),
    ("en", ["indicator", "target", "unit", "deadline", "kind", "task", "id"],
     "Provincial technology-transfer demonstration institutions"),
])
def test_targets_table_reads_in_the_users_language(capsys, lang, header, first):
    from analysis.cli import main

    assert main(["targets", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == header
    assert lines[1].strip().startswith(first) and "≥1" in lines[1]


def test_an_office_s_own_list_with_chinese_headers_is_read(tmp_path):
    """An evaluator's own target list says 编号, 指标名称, 目标值, 单位, 比较, 期限 (and 以上 / 以内, 总量):
    it was refused with six "required column is missing" lines."""
    p = tmp_path / "我的目标.csv"
    p.write_text("编号,指标名称,目标值（注）,单位,比较,期限,类型,地区,备注\n"
                 "firms,科技型企业,30,家,以上,2020,计数,平川区,\n"
                 "energy,综合能耗,80,吨标准煤,以内,2020,总量,平川区,控制在80吨以内\n", encoding="utf-8")
    t = catalogue.load_targets(p)
    assert t[["id", "name_zh", "value", "comparator", "deadline", "kind", "region"]].values.tolist() == [
        ["firms", "科技型企业", 30.0, ">=", 2020, "count", "平川区"],
        ["energy", "综合能耗", 80.0, "<=", 2020, "level", "平川区"]]
    assert t["note"].tolist() == ["", "控制在80吨以内"]


def test_an_english_header_wins_over_its_chinese_alias_and_missing_ones_say_the_other_names(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,编号,name_zh,value,unit,comparator,deadline\nfirms,X,企业,3,家,>=,2020\n", encoding="utf-8")
    assert catalogue.load_targets(p)["id"].tolist() == ["firms"]
    p.write_text("code,name,target\nx,y,1\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        catalogue.load_targets(p)
    assert [(q.row, q.column) for q in exc.value.problems] == [(1, "unit"), (1, "comparator"), (1, "deadline")]
    assert "t.csv:1:deadline: 缺少必需的列（也可用这些表头：期限 / 目标年份" in str(exc.value)
    text = "\n".join(q.line("en") for q in exc.value.problems)
    assert "t.csv:1:deadline: required column is missing (these headers work too: 期限 / 目标年份" in text
    assert "target year / deadline year / due year / year / by)" in text


def test_a_researcher_s_own_list_in_english_is_read(tmp_path):
    """Another country's targets as a researcher lists them (country, indicator, target, year, direction):
    refused with four "required column is missing" lines (no id, name_zh, value or comparator)."""
    p = tmp_path / "eu.csv"
    p.write_text("Country,Indicator,Target,Unit,Direction,Target year\n"
                 "Austria,R&D intensity,3.76,%,at least,2020\n"
                 "Belgium,R&D intensity,3,%,At least,2020\n"
                 "Belgium,Early school leavers,9.5,%,at most,2020\n", encoding="utf-8")
    t = catalogue.load_targets(p)
    assert t[["id", "name_zh", "name_en", "region", "value", "comparator", "deadline", "kind"]].values.tolist() == [
        ["R&D intensity", "R&D intensity", "R&D intensity", "Austria", 3.76, ">=", 2020, "share"],
        ["R&D intensity", "R&D intensity", "R&D intensity", "Belgium", 3.0, ">=", 2020, "share"],
        ["Early school leavers", "Early school leavers", "Early school leavers", "Belgium", 9.5, "<=", 2020, "share"]]


@pytest.mark.parametrize("header, row, expected", [
    ("ID,Name_EN,Value,Unit,Comparator,Deadline", "rd,R&D intensity,2.5,%,>=,2025",
     ["rd", "R&D intensity", "R&D intensity", 2.5, ">="]),                        # the suite's columns in other case
    ("code,name,goal,units,operator,by", "gdp,GDP,100,亿元,higher is better,2025",
     ["gdp", "GDP", "GDP", 100.0, ">="]),
    ("indicator_code,indicator_name,target_value,unit,comparison,deadline_year", "u,失业率,5.5,%,maximum,2025",
     ["u", "失业率", "u", 5.5, "<="]),                                             # a Chinese name: no English one
])
def test_english_headers_and_directions(tmp_path, header, row, expected):
    p = tmp_path / "t.csv"
    p.write_text(f"{header}\n{row}\n", encoding="utf-8")
    t = catalogue.load_targets(p)
    assert t.loc[0, ["id", "name_zh", "name_en", "value", "comparator"]].tolist() == expected


def test_an_english_name_in_the_values_resolves_to_its_indicator(targets):
    from analysis.io.contract import NameIndex

    names = NameIndex.from_targets(targets)
    en = targets.set_index("id").loc["high_tech_enterprises", "name_en"]
    assert names.resolve(en) == ("high_tech_enterprises", "alias")
    assert not any("High" in s for s in names.suggest("x", lang="en"))  # English names are never suggested


def test_a_title_row_above_the_header_is_not_the_header_and_rows_keep_their_numbers(tmp_path):
    """An office's list in Excel starts with its title (平川区…目标任务表) and a blank row: the title was
    taken for the header ("row longer than the header" on every row); and a problem's row number counted
    from a header in row 1."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["平川区省级科技成果转移转化示范区建设目标任务表"])
    ws.append([])
    ws.append(["序号", "编号", "指标名称", "目标值", "单位", "比较", "期限"])
    ws.append([1, "tech_contract_turnover", "全区技术市场合同交易额", 1.35, "亿元", "≥", 2020])
    ws.append([2, "high_tech_enterprises", "高新技术企业", "十家", "家", "≥", 2020])
    p = tmp_path / "目标.xlsx"
    wb.save(p)
    with pytest.raises(InputError, match=r"目标\.xlsx(\[Sheet\])?:5:value: ") as exc:
        catalogue.load_targets(p)
    assert len(exc.value.problems) == 1
    ws["D5"] = 10
    wb.save(p)
    assert catalogue.load_targets(p)[["id", "value"]].values.tolist() == [
        ["tech_contract_turnover", 1.35], ["high_tech_enterprises", 10.0]]


def test_a_per_region_catalogue_is_listed_with_its_regions_and_round_trips(tmp_path, capsys):
    """`targets --targets` listed three identical 'R&D intensity ≥3' rows without saying whose each was, and
    its CSV dropped the region column (read back, the three rows were one id three times: refused)."""
    from analysis.cli import main

    p = tmp_path / "eu.csv"
    p.write_text("Country,Indicator,Target,Unit,Direction,Target year\nAustria,R&D intensity,3.76,%,at least,2020\n"
                 "Belgium,R&D intensity,3,%,at least,2020\n", encoding="utf-8")
    assert main(["targets", "--targets", str(p)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["地区", "指标"] and lines[1].split()[0] == "Austria" and "百分比" in lines[1]
    out = tmp_path / "out.csv"
    assert main(["targets", "--targets", str(p), "--format", "csv", "--output", str(out)]) == 0
    back = catalogue.load_targets(out)
    assert back[["region", "id", "value"]].values.tolist() == [["Austria", "R&D intensity", 3.76],
                                                              ["Belgium", "R&D intensity", 3.0]]


def test_an_unknown_id_is_offered_a_catalogue_entry_only_when_it_looks_like_a_typo():
    """'tech_incubators' (an indicator of another catalogue) was offered high_tech_enterprises: the two share
    'tech_' and scored 0.5, the old cutoff."""
    from analysis.io.contract import SUGGEST_CUTOFF, NameIndex

    names = NameIndex.from_targets(catalogue.load_targets())
    other = NameIndex({"high_tech_enterprises": "high_tech_enterprises", "tech_based_enterprises": "tech_based_enterprises"})
    assert SUGGEST_CUTOFF > 0.5 and other.suggest("tech_incubators") == []
    assert other.suggest("high_tech_enterprise")[0] == "high_tech_enterprises"
    assert names.suggest("技术市场合同交易额度")[0].startswith("tech_contract_turnover")


@pytest.mark.parametrize("cell, unit, expected", [("3.76%", "%", 3.76), ("3.76 ％", "%", 3.76), ("65%", "％", 65.0)])
def test_a_target_written_with_its_percent_sign_is_its_number(tmp_path, cell, unit, expected):
    """'3.76%' in a row whose unit is % was "not a number"; the sign is the unit's."""
    p = tmp_path / "t.csv"
    p.write_text(f"id,name_zh,value,unit,comparator,deadline\nrd,研发投入强度,{cell},{unit},>=,2025\n", encoding="utf-8")
    assert catalogue.load_targets(p).loc[0, "value"] == pytest.approx(expected)


def test_a_percent_sign_in_a_row_of_another_unit_is_still_refused(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,name_zh,value,unit,comparator,deadline\nx,企业,30%,家,>=,2025\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t.csv:2:value: 不是数字：'30%'"):
        catalogue.load_targets(p)


def test_a_target_with_a_decimal_comma_is_refused_with_the_number_to_write(tmp_path):
    """'9,5' (a European list's 9.5) was "not a number" and nothing more; it is still not read (a target is
    never guessed), but the message says what to write."""
    p = tmp_path / "t.csv"
    p.write_text('Country,Indicator,Target,Unit,Direction,Target year\nBelgium,Early leavers,"9,5",%,at most,2020\n',
                 encoding="utf-8")
    with pytest.raises(InputError) as exc:
        catalogue.load_targets(p)
    assert str(exc.value).endswith("t.csv:2:value: 不是数字：'9,5'；如是小数，请用小数点写作 9.5")
    assert exc.value.problems[0].line("en").endswith("if it is a decimal, write it with a point: 9.5")
