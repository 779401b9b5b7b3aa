"""Chinese numerals, hedge words and measure words, on folded (simplified) text."""

from __future__ import annotations

from aidcheck.model.quantity import Hedge

NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿"

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZEROS = "零〇"
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}

# A scale word after Arabic digits: 6万, 1.9亿, 3千, 3000多万. Longest first.
SCALES: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
}
SCALE_PATTERN = "|".join(SCALES)

# 千 before these is a metric prefix (千米 km, 千克 kg, 千瓦 kW), not "thousand".
METRIC_AFTER_QIAN = frozenset("米克瓦伏焦帕赫卡")

# Hedge words written before the number. Single characters that also end common words are
# guarded: 最近/附近 are not 近 "nearly", 节约/签约 are not 约 "about", 赶超 is not 超.
PREFIX_HEDGES: dict[str, Hedge] = {
    "不超过": Hedge.AT_MOST,
    "不少于": Hedge.AT_LEAST,
    "不低于": Hedge.AT_LEAST,
    "超过": Hedge.MORE_THAN,
    "多于": Hedge.MORE_THAN,
    "高于": Hedge.MORE_THAN,
    "大于": Hedge.MORE_THAN,
    "至少": Hedge.AT_LEAST,
    "将近": Hedge.NEARLY,
    "接近": Hedge.NEARLY,
    "近乎": Hedge.NEARLY,
    "大约": Hedge.ABOUT,
    "大概": Hedge.ABOUT,
    "最多": Hedge.AT_MOST,
    "至多": Hedge.AT_MOST,
    "不到": Hedge.LESS_THAN,
    "不足": Hedge.LESS_THAN,
    "少于": Hedge.LESS_THAN,
    "低于": Hedge.LESS_THAN,
    "小于": Hedge.LESS_THAN,
    "超": Hedge.MORE_THAN,
    "逾": Hedge.MORE_THAN,
    "近": Hedge.NEARLY,
    "约": Hedge.ABOUT,
}
_GUARDS = {"超": "赶", "近": "最附靠临邻就亲新远逼", "约": "节制签预合公条邀规契简"}
PREFIX_PATTERN = "|".join(
    f"(?<![{_GUARDS[word]}]){word}" if word in _GUARDS else word for word in PREFIX_HEDGES
)

# Hedge words written after the number and unit.
SUFFIX_HEDGES: dict[str, Hedge] = {
    "以上": Hedge.AT_LEAST,
    "以下": Hedge.AT_MOST,
    "以内": Hedge.AT_MOST,
    "左右": Hedge.ABOUT,
    "上下": Hedge.ABOUT,
}

# A unit written before the figure, then one of these: 门诊诊疗人次达3000万, 人次超过3000万.
VERBS_BEFORE = ("达到", "达", "为", "共计", "共", "累计", "总计", "合计", "逾")

# A unit character that starts a longer word is not a unit: 二人民医院, 名单, 家庭.
# fmt: off
NOT_UNIT_WORDS = frozenset({
    "人民", "人士", "名单", "名称", "名义", "名誉", "名牌", "家庭", "家属", "家乡",
    "家长", "家族", "所长", "所在", "所有", "所以", "所属", "位于", "位置", "个体",
    "个性", "项目", "台湾", "台阶", "种类", "种植", "例如", "面积", "面向", "面临",
    "面对", "批准", "批评", "次日", "座谈", "间隔", "元素", "元旦", "元宵", "元年",
    "张家",
})
# fmt: on

# Set phrases whose numerals count nothing.
SET_PHRASES = (
    "千家万户",
    "百家争鸣",
    "百家号",
    "千人计划",
    "万人计划",
    "百人计划",
    "三个代表",
    "四个全面",
    "两个确保",
    "一个中心",
    "二次",
    "二元",
)

# Characters before a Chinese numeral that make it an ordinal, a vague count or a weekday:
# 第二, 数十, 几百, 每两, 初三, 周三.
NOT_A_COUNT_BEFORE = frozenset("第数几每初周")
OPENING_QUOTES = frozenset("“‘「『《")


def chinese_value(numeral: str) -> int | None:
    """The integer a Chinese numeral denotes, or None when it is not a well-formed number.

    Accepts 十五, 三百二十, 一千零一, 两万, 三万五 (35000), 一亿零一百万, and a leading 百/千
    (百名, 千名). Rejects digit strings (二〇一九), adjacent digits (三五, 十三五) and a bare
    万/亿 (万一, 亿万), which are words rather than counts.
    """
    if numeral in ("零", "〇"):
        return 0
    total = 0  # completed 亿 groups
    wan = 0  # completed 万 group within the current 亿 group
    section = 0  # below 万
    digit: int | None = None
    last_mult: int | None = None  # multiplier just before the pending digit; None after 零
    smallest = 10**4  # small multipliers must fall within a section
    seen_wan = seen_yi = False
    for i, ch in enumerate(numeral):
        if ch in _ZEROS:
            after_mult = i > 0 and numeral[i - 1] in "十百千万亿"
            if not after_mult or i + 1 >= len(numeral) or numeral[i + 1] not in _DIGITS:
                return None
            last_mult = None
        elif ch in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[ch]
            if i > 0 and numeral[i - 1] not in _ZEROS:
                last_mult = _mult(numeral[i - 1])
        elif ch in _SMALL:
            mult = _SMALL[ch]
            if mult >= smallest:
                return None
            if digit is None:
                if i != 0:
                    return None
                digit = 1
            section += digit * mult
            digit, smallest = None, mult
        else:
            if digit is not None:
                section += digit * _scale_down(last_mult)
                digit = None
            if ch == "万":
                if section == 0 or seen_wan:
                    return None
                wan, section, seen_wan = section * 10**4, 0, True
            else:
                if wan + section == 0 or seen_yi:
                    return None
                total, wan, section = (wan + section) * 10**8, 0, 0
                seen_yi, seen_wan = True, False
            smallest = 10**4
    if digit is not None:
        section += digit * _scale_down(last_mult)
    return total + wan + section


def _mult(ch: str) -> int | None:
    return _SMALL.get(ch) or _BIG.get(ch)


def _scale_down(last_mult: int | None) -> int:
    """A digit after a multiplier counts one place lower: 三百二 is 320, 三万五 is 35000."""
    return last_mult // 10 if last_mult else 1


def is_scaled(numeral: str) -> bool:
    """A Chinese numeral is a rounded figure when it counts in 万 or 亿: 两万, 三万五, 一亿.

    Spelled out below that (一万零一十, 三万五千) it is as exact as its Arabic digits.
    """
    head = numeral[:-1] if len(numeral) > 1 and numeral[-1] in _DIGITS else numeral
    return head.endswith(("万", "亿"))
