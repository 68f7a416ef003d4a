from django import template

from alongside.plans import money
from alongside.plans.presenters import cost_words

register = template.Library()


@register.filter
def pounds(pence):
    return money.pounds(pence)


@register.filter
def absolute(number):
    return abs(number)


@register.filter
def idea_cost_words(idea):
    return cost_words(idea)
