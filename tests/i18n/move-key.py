import json,collections,sys,os,glob
# usage: move-key.py from.key to.key  — moves a string in every language (namespace = first segment)
src,dst=sys.argv[1],sys.argv[2]
copy=len(sys.argv)>3 and sys.argv[3]=="--copy"
base='/work/main/app/locales'
def load(p): return json.load(open(p),object_pairs_hook=collections.OrderedDict) if os.path.exists(p) else collections.OrderedDict()
for lng in sorted(os.listdir(base)):
    if not os.path.isdir(f'{base}/{lng}'): continue
    sns,*spath=src.split('.'); dns,*dpath=dst.split('.')
    sp=f'{base}/{lng}/{sns}.json'; dp=f'{base}/{lng}/{dns}.json'
    s=load(sp)
    # find all plural variants
    parent=s
    for k in spath[:-1]: parent=parent[k]
    leaf=spath[-1]
    moved={k:(parent[k] if copy else parent.pop(k)) for k in list(parent.keys()) if k==leaf or (k.startswith(leaf+'_') and k[len(leaf)+1:] in ('zero','one','two','few','many','other'))}
    assert moved,(lng,src)
    json.dump(s,open(sp,'w'),ensure_ascii=False,indent=2); open(sp,'a').write('\n')
    d=load(dp) if sp!=dp else load(sp)
    parent=d
    for k in dpath[:-1]: parent=parent.setdefault(k,collections.OrderedDict())
    for k,v in moved.items(): parent[dpath[-1]+k[len(leaf):]]=v
    json.dump(d,open(dp,'w'),ensure_ascii=False,indent=2); open(dp,'a').write('\n')
